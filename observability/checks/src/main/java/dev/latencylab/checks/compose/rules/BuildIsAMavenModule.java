package dev.latencylab.checks.compose.rules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Service;
import dev.latencylab.checks.compose.Violation;

/**
 * A built service names a build context, a Dockerfile and, as docker/Dockerfile needs,
 * the Maven module to build ({@code MODULE}).
 */
public final class BuildIsAMavenModule implements ComposeRule {

	@Override
	public String name() {
		return "build-is-a-maven-module";
	}

	@Override
	public String requirement() {
		return "a build has an existing context and Dockerfile, and its MODULE argument is a Maven module";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		List<String> problems = new ArrayList<>();
		for (Service service : compose.services().values()) {
			if (!service.isBuilt()) {
				continue;
			}
			String name = service.name();
			Path context = compose.root().resolve(service.buildContext()).normalize();
			Path file = context.resolve(service.buildDockerfile());
			if (!Files.isDirectory(context)) {
				problems.add(name + ": build context " + context + " is not a directory");
			}
			if (!Files.isRegularFile(file)) {
				problems.add(name + ": Dockerfile " + file + " does not exist");
			}
			String module = service.module();
			if (module == null || !Files.isRegularFile(context.resolve(module).resolve("pom.xml"))) {
				problems.add(name + ": build argument MODULE=" + module + " is not a Maven module of " + context);
			}
		}
		return violations(problems);
	}

}
