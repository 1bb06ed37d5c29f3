package dev.latencylab.checks.compose.rules;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Violation;

/**
 * What docker/Dockerfile copies from the build context exists there, and .dockerignore
 * does not leave it out.
 */
public final class DockerfileCopiesWhatExists implements ComposeRule {

	@Override
	public String name() {
		return "dockerfile-copies-what-exists";
	}

	@Override
	public String requirement() {
		return "every COPY source of docker/Dockerfile exists in the repository and is not in .dockerignore";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		List<String> problems = new ArrayList<>();
		List<String> ignored = compose.lab()
			.read(".dockerignore")
			.lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
		for (String line : Dockerfiles.instructions(compose.lab().dockerfile())) {
			if (!line.startsWith("COPY ") || line.contains("--from=")) {
				continue;
			}
			List<String> words = Arrays.stream(line.split("\\s+")).skip(1).filter((w) -> !w.startsWith("--")).toList();
			for (String source : words.subList(0, words.size() - 1)) {
				String path = source.replaceAll("/$", "");
				if (!Files.exists(compose.root().resolve(path))) {
					problems.add("COPY source " + source + " does not exist");
				}
				if (ignored.stream().anyMatch((pattern) -> path.equals(pattern) || path.startsWith(pattern + "/"))) {
					problems.add("COPY source " + source + " is excluded by .dockerignore");
				}
			}
		}
		return violations(problems);
	}

}
