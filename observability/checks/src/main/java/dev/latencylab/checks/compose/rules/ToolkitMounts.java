package dev.latencylab.checks.compose.rules;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.Service;

/**
 * The toolkit's files: its reports outlive the container (a named volume), it reads the
 * lab's flags as every application does (the mounted {@code ./flags}), and it serves the
 * repository's documents, which link to each other across the whole tree (the repository,
 * read-only).
 */
public final class ToolkitMounts extends ToolkitRule {

	@Override
	public String name() {
		return "toolkit-mounts";
	}

	@Override
	public String requirement() {
		return "TOOLKIT_REPORTS_DIRECTORY is a named volume, LAB_FLAGS_PATH is in ./flags, "
				+ "TOOLKIT_DOCS_DIRECTORY is the repository mounted read-only";
	}

	@Override
	void check(ComposeFile compose, Toolkit toolkit, List<String> problems) {
		String name = toolkit.name();
		Map<String, String> env = toolkit.env();
		Map<String, Service.Volume> mounts = toolkit.service()
			.volumes()
			.stream()
			.collect(Collectors.toMap(Service.Volume::target, (volume) -> volume, (a, b) -> a));
		Service.Volume reports = mounts.get(env.get("TOOLKIT_REPORTS_DIRECTORY"));
		if (reports == null || reports.isBind()) {
			problems.add(name + ": TOOLKIT_REPORTS_DIRECTORY " + env.get("TOOLKIT_REPORTS_DIRECTORY")
					+ " should be a named volume");
		}
		String flags = env.getOrDefault("LAB_FLAGS_PATH", "");
		Service.Volume flagsMount = mounts
			.get(flags.contains("/") ? flags.substring(0, flags.lastIndexOf('/')) : flags);
		if (flagsMount == null || !"flags".equals(flagsMount.relativeSource())) {
			problems.add(name + ": LAB_FLAGS_PATH " + flags + " is not in the mounted ./flags");
		}
		Service.Volume docs = mounts.get(env.get("TOOLKIT_DOCS_DIRECTORY"));
		if (docs == null || !docs.isBind() || !Set.of(".", "").contains(docs.relativeSource()) || !docs.readOnly()) {
			problems.add(name + ": TOOLKIT_DOCS_DIRECTORY " + env.get("TOOLKIT_DOCS_DIRECTORY")
					+ " should be the repository (.) mounted read-only");
		}
	}

}
