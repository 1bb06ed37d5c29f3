package dev.latencylab.checks.compose.rules;

import java.util.ArrayList;
import java.util.List;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Violation;

/**
 * The image every application runs in (docker/Dockerfile's last stage): a Java 17 JRE
 * without the build tools, an unprivileged user, a heap sized for the container's memory
 * limit.
 */
public final class DockerfileRuntimeStage implements ComposeRule {

	@Override
	public String name() {
		return "dockerfile-runtime-stage";
	}

	@Override
	public String requirement() {
		return "docker/Dockerfile is multi-stage; its runtime stage is an eclipse-temurin 17 JRE, runs as "
				+ "a non-root USER and sizes the heap for the container";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		List<String> problems = new ArrayList<>();
		String dockerfile = compose.lab().dockerfile();
		List<String> froms = Dockerfiles.instructions(dockerfile)
			.stream()
			.filter((line) -> line.startsWith("FROM "))
			.toList();
		if (froms.size() < 2) {
			problems.add("Dockerfile should be multi-stage");
		}
		if (!froms.isEmpty() && !froms.get(froms.size() - 1).matches("FROM eclipse-temurin:17[.0-9_]*-jre\\b.*")) {
			problems.add("runtime stage should be an eclipse-temurin 17 JRE: " + froms.get(froms.size() - 1));
		}
		String runtime = Dockerfiles.runtimeStage(dockerfile);
		List<String> users = Dockerfiles.instructions(runtime)
			.stream()
			.filter((line) -> line.startsWith("USER "))
			.toList();
		if (users.isEmpty() || users.get(users.size() - 1).matches("USER (root|0)(:.*)?")) {
			problems.add("runtime stage should run as a non-root USER");
		}
		if (!runtime.contains("MaxRAMPercentage") && !runtime.contains("-Xmx")) {
			problems.add("runtime stage should size the heap for the container (MaxRAMPercentage or -Xmx)");
		}
		return violations(problems);
	}

}
