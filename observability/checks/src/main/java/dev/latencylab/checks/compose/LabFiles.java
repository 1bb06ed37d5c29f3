package dev.latencylab.checks.compose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the compose file is compared with: the repository it sits in, the lab's
 * applications, and the configurations it mounts or builds with
 * ({@code observability/prometheus/prometheus-compose.yml},
 * {@code observability/alertmanager/alertmanager-compose.yml},
 * {@code docker/Dockerfile}). The {@code with} methods give a copy with one of them
 * replaced, for a rule's test.
 *
 * @param root the repository root
 * @param applicationModules the Maven modules of the lab's applications, in the order of
 * lab-runner's {@code LabService}
 * @param prometheus prometheus-compose.yml
 * @param alertmanager alertmanager-compose.yml
 * @param dockerfile docker/Dockerfile
 */
public record LabFiles(Path root, List<String> applicationModules, Map<String, Object> prometheus,
		Map<String, Object> alertmanager, String dockerfile) {

	/** The diagnosis toolkit's module: built like the applications, not traced. */
	public static final String TOOLKIT_MODULE = "observability/toolkit";

	/**
	 * The lab's applications as lab-runner lists them. Read from its source rather than
	 * its classes: lab-runner's tests depend on this module, so this module cannot depend
	 * on lab-runner.
	 */
	static final String LAB_SERVICE = "lab-runner/src/main/java/dev/latencylab/runner/LabService.java";

	/** A constant of the enum: {@code GATEWAY("gateway", "gateway", 8080),}. */
	private static final Pattern APPLICATION = Pattern
		.compile("(?m)^\\s*[A-Z][A-Z0-9_]*\\(\\s*\"([^\"]+)\",\\s*\"([^\"]+)\",\\s*\\d+\\s*\\)");

	/**
	 * @param root the repository root
	 * @return the repository's files
	 * @throws IllegalStateException if lab-runner's {@code LabService} lists no
	 * application
	 */
	public static LabFiles read(Path root) {
		return new LabFiles(root, applicationModules(root),
				Yamls.load(Yamls.read(root.resolve("observability/prometheus/prometheus-compose.yml"))),
				Yamls.load(Yamls.read(root.resolve("observability/alertmanager/alertmanager-compose.yml"))),
				Yamls.read(root.resolve("docker/Dockerfile")));
	}

	/**
	 * @param config another prometheus-compose.yml
	 * @return these files with it
	 */
	public LabFiles withPrometheus(Map<String, Object> config) {
		return new LabFiles(this.root, this.applicationModules, config, this.alertmanager, this.dockerfile);
	}

	/**
	 * @param config another alertmanager-compose.yml
	 * @return these files with it
	 */
	public LabFiles withAlertmanager(Map<String, Object> config) {
		return new LabFiles(this.root, this.applicationModules, this.prometheus, config, this.dockerfile);
	}

	/**
	 * @param recipe another docker/Dockerfile
	 * @return these files with it
	 */
	public LabFiles withDockerfile(String recipe) {
		return new LabFiles(this.root, this.applicationModules, this.prometheus, this.alertmanager, recipe);
	}

	/**
	 * @param path a path relative to the repository root
	 * @return the file's content
	 */
	public String read(String path) {
		return Yamls.read(this.root.resolve(path));
	}

	/**
	 * @param module a Maven module's path
	 * @return its application.yml
	 */
	public ApplicationConfig applicationConfig(String module) {
		return ApplicationConfig.read(this.root, module);
	}

	private static List<String> applicationModules(Path root) {
		List<String> modules = new ArrayList<>();
		Matcher constant = APPLICATION.matcher(Yamls.read(root.resolve(LAB_SERVICE)));
		while (constant.find()) {
			modules.add(constant.group(2));
		}
		if (modules.isEmpty()) {
			throw new IllegalStateException("No application found in " + LAB_SERVICE + " with " + APPLICATION);
		}
		return List.copyOf(modules);
	}

}
