package dev.latencylab.checks.compose.rules;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Service;
import dev.latencylab.checks.compose.Violation;

/**
 * docker/Dockerfile is one recipe for every application: it builds the module named by
 * the build argument {@code MODULE}, takes the jar named after the module path's last
 * element, and adds the OpenTelemetry agent of the version the root POM pins for the
 * local lab, so that both labs run the same agent.
 */
public final class DockerfileBuildsTheModule implements ComposeRule {

	private static final Pattern AGENT_VERSION = Pattern.compile("<opentelemetry-javaagent.version>([^<]+)</");

	@Override
	public String name() {
		return "dockerfile-builds-the-module";
	}

	@Override
	public String requirement() {
		return "docker/Dockerfile builds ${MODULE} into a jar named after the module path's last element, "
				+ "with the root POM's OpenTelemetry agent version";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		List<String> problems = new ArrayList<>();
		String dockerfile = compose.lab().dockerfile();
		for (String needed : List.of("ARG MODULE", "-pl \"${MODULE}\" -am package", "ARTIFACT=\"${MODULE##*/}\"",
				"${MODULE}/target/${ARTIFACT}.jar", "io.opentelemetry.javaagent:opentelemetry-javaagent:",
				"ARG OTEL_AGENT_VERSION=" + agentVersion(compose))) {
			if (!dockerfile.contains(needed)) {
				problems.add("Dockerfile lacks " + needed);
			}
		}
		for (Service service : compose.services().values()) {
			String module = service.module();
			if (module != null && Files.isRegularFile(compose.root().resolve(module).resolve("pom.xml"))) {
				String jar = jarName(compose, module);
				String expected = module.substring(module.lastIndexOf('/') + 1) + ".jar";
				if (!expected.equals(jar)) {
					problems.add(service.name() + ": " + module + " builds " + jar + ", the Dockerfile extracts "
							+ expected);
				}
			}
		}
		return violations(problems);
	}

	private static String agentVersion(ComposeFile compose) {
		Matcher version = AGENT_VERSION.matcher(compose.lab().read("pom.xml"));
		return version.find() ? version.group(1).strip() : "2.33.1";
	}

	/**
	 * The name of the jar a module builds: its {@code finalName}, where every module of
	 * the lab writes {@code ${project.artifactId}}.
	 */
	private static String jarName(ComposeFile compose, String module) {
		String pom = compose.lab().read(module + "/pom.xml").replaceAll("(?s)<!--.*?-->", "");
		String own = pom.replaceFirst("(?s)<parent>.*?</parent>", "");
		Matcher artifactId = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(own);
		Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(own);
		String artifact = artifactId.find() ? artifactId.group(1).strip() : "";
		String name = finalName.find() ? finalName.group(1).strip() : "${project.artifactId}-${project.version}";
		return name.replace("${project.artifactId}", artifact) + ".jar";
	}

}
