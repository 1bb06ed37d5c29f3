package dev.latencylab.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a lab's state holds before any part starts: the flags file every application reads
 * and the admin token.
 */
final class LabSetup {

	private LabSetup() {
	}

	/**
	 * Copies the repository's flags into the state (or adds the flags the repository has
	 * gained to those kept), and makes up the admin token at the first start.
	 */
	static void prepareFlagsAndToken(LocalLab.Settings settings) {
		Path flags = settings.state().flagsFile();
		LabFiles.createDirectories(flags.getParent());
		String repositoryFlags = LabFiles.readString(LabFiles
			.requireFile(settings.repository().resolve("flags/flags.json"), "the repository is incomplete"));
		if (!settings.keepData() || !Files.isRegularFile(flags)) {
			LabFiles.writeString(flags, repositoryFlags);
		}
		else {
			LabFiles.writeString(flags, withNewFlags(LabFiles.readString(flags), repositoryFlags));
		}
		Path token = settings.state().adminTokenFile();
		if (!Files.isRegularFile(token)) {
			byte[] bytes = new byte[16];
			new SecureRandom().nextBytes(bytes);
			LabFiles.writeString(token, HexFormat.of().formatHex(bytes) + "\n");
		}
	}

	/**
	 * The lab's flags as they were left, with the flags the repository has gained since
	 * (in their initial state): switched faults and fixes survive a restart, new flags
	 * are there.
	 */
	static String withNewFlags(String kept, String repository) {
		JsonMapper json = JsonMapper.builder().build();
		JsonNode keptRoot = json.readTree(kept);
		JsonNode repositoryFlags = json.readTree(repository).path("flags");
		if (!(keptRoot.path("flags") instanceof ObjectNode keptFlags)) {
			return repository;
		}
		boolean added = false;
		for (String key : repositoryFlags.propertyNames()) {
			if (!keptFlags.has(key)) {
				keptFlags.set(key, repositoryFlags.get(key));
				added = true;
			}
		}
		return added ? json.writerWithDefaultPrettyPrinter().writeValueAsString(keptRoot) : kept;
	}

}
