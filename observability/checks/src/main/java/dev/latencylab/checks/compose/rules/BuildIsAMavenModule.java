package dev.latencylab.checks.compose.rules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.Service;

/**
 * A built service names a build context, a Dockerfile and, as docker/Dockerfile needs,
 * the Maven module to build ({@code MODULE}).
 */
public final class BuildIsAMavenModule extends BuiltServiceRule {

	@Override
	public String name() {
		return "build-is-a-maven-module";
	}

	@Override
	public String requirement() {
		return "a build has an existing context and Dockerfile, and its MODULE argument is a Maven module";
	}

	@Override
	void check(ComposeFile compose, Service service, List<String> problems) {
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

}
