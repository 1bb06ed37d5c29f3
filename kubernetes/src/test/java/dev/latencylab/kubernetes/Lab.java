package dev.latencylab.kubernetes;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.latencylab.checks.LabRepository;
import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.LabFiles;
import dev.latencylab.checks.compose.Yamls;

/**
 * The repository the manifests are compared with, read once.
 */
final class Lab {

	static final Path ROOT = LabRepository.root();

	static final Path KUBERNETES = ROOT.resolve("kubernetes");

	static final ComposeFile COMPOSE = ComposeFile.read(LabFiles.read(ROOT));

	/** The namespace of kubernetes/base/kustomization.yaml. */
	static final String NAMESPACE = String
		.valueOf(Yamls.load(Yamls.read(KUBERNETES.resolve("base/kustomization.yaml"))).get("namespace"));

	private Lab() {
	}

	/**
	 * @return the OpenTelemetry agent version of the root POM
	 */
	static String agentVersion() {
		Matcher version = Pattern.compile("<opentelemetry-javaagent.version>([^<]+)<")
			.matcher(Yamls.read(ROOT.resolve("pom.xml")));
		if (!version.find()) {
			throw new IllegalStateException("no opentelemetry-javaagent.version in the root pom.xml");
		}
		return version.group(1);
	}

	static String flags() {
		return Yamls.read(ROOT.resolve("flags/flags.json"));
	}

}
