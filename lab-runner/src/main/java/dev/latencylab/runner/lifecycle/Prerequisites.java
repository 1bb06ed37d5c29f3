package dev.latencylab.runner.lifecycle;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.latencylab.runner.LabException;
import dev.latencylab.runner.LabMain;
import dev.latencylab.runner.LabService;
import dev.latencylab.runner.LabState;

/**
 * What the lab needs before it can start: Debian's Prometheus and Alertmanager (installed
 * here as root, or with sudo after asking), and the jars (built with the Maven wrapper
 * when one is missing).
 */
final class Prerequisites {

	private Prerequisites() {
	}

	static void check(PrintStream out) {
		installObservability(out);
		buildIfMissing(out);
	}

	static void installObservability(PrintStream out) {
		List<String> missing = new ArrayList<>();
		if (executable("prometheus").isEmpty()) {
			missing.add("prometheus");
		}
		if (executable("prometheus-alertmanager").isEmpty() && executable("alertmanager").isEmpty()) {
			missing.add("prometheus-alertmanager");
		}
		if (executable("prometheus-postgres-exporter").isEmpty()) {
			missing.add("prometheus-postgres-exporter");
		}
		if (missing.isEmpty()) {
			return;
		}
		String install = "apt-get install -y --no-install-recommends " + String.join(" ", missing);
		boolean root = "root".equals(System.getProperty("user.name"));
		if (executable("apt-get").isEmpty()) {
			throw new LabException("the lab needs " + String.join(" and ", missing)
					+ " (Prometheus' own packages): install them, then ./lab up again");
		}
		List<String> sudo = List.of();
		if (!root) {
			if (System.console() == null || executable("sudo").isEmpty()) {
				throw new LabException("the lab needs " + String.join(" and ", missing) + ": sudo " + install
						+ ", then ./lab up again");
			}
			String answer = System.console()
				.readLine("lab: the lab needs %s; install them with sudo apt-get? [y/N] ", String.join(" ", missing));
			if (answer == null || !answer.trim().toLowerCase().startsWith("y")) {
				throw new LabException("install them first: sudo " + install);
			}
			sudo = List.of("sudo");
		}
		out.println("lab: installing " + String.join(" ", missing) + " (Debian packages)");
		List<String> update = new ArrayList<>(sudo);
		update.addAll(List.of("apt-get", "update", "-qq"));
		List<String> get = new ArrayList<>(sudo);
		get.addAll(List.of("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq",
				"--no-install-recommends"));
		get.addAll(missing);
		if (run(update) != 0 || run(get) != 0) {
			throw new LabException("could not install: " + install);
		}
	}

	/**
	 * @return whether every jar and tool the lab runs is built
	 */
	static boolean isBuilt() {
		Path repository = LabMain.repository();
		List<Path> needed = new ArrayList<>(List.of(LabMain.jar(),
				repository.resolve("observability/toolkit/target/toolkit.jar"),
				LabMain.tools().resolve("opentelemetry-javaagent.jar"), LabMain.tools().resolve("zipkin-server.jar")));
		for (LabService service : LabService.values()) {
			needed.add(repository.resolve(service.module()).resolve("target").resolve(service.module() + ".jar"));
		}
		return needed.stream().allMatch(Files::isRegularFile);
	}

	static void buildIfMissing(PrintStream out) {
		if (!isBuilt()) {
			build(out);
		}
	}

	/**
	 * Builds every jar with the Maven wrapper, showing which module it is at; the whole
	 * output goes to {@code build.log} in the state directory.
	 * @param out where progress goes
	 */
	static void build(PrintStream out) {
		Path repository = LabMain.repository();
		Path log = LabState.current().directory().resolve("build.log");
		out.println("lab: building the lab (./mvnw -DskipTests package; the first build downloads dependencies"
				+ " and takes a few minutes; full output in " + log + ")");
		ProcessBuilder builder = new ProcessBuilder(repository.resolve("mvnw").toString(), "-B", "-ntp", "-DskipTests",
				"package")
			.directory(repository.toFile())
			.redirectErrorStream(true);
		try {
			Files.createDirectories(log.getParent());
			Process maven = builder.start();
			maven.getOutputStream().close();
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(maven.getInputStream(), StandardCharsets.UTF_8));
					PrintWriter file = new PrintWriter(Files.newBufferedWriter(log))) {
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					file.println(line);
					if (line.startsWith("[INFO] Building ") || line.startsWith("[ERROR]")
							|| line.startsWith("[INFO] BUILD")) {
						out.println("lab:   " + line.replaceFirst("^\\[INFO\\] ", ""));
					}
				}
			}
			if (maven.waitFor() != 0) {
				throw new LabException("the build failed: see " + log);
			}
		}
		catch (IOException ex) {
			throw new LabException("could not run the Maven wrapper: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LabException("the build was interrupted");
		}
	}

	static Optional<String> executable(String name) {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(directory, name);
			if (Files.isExecutable(candidate)) {
				return Optional.of(candidate.toString());
			}
		}
		return Optional.empty();
	}

	private static int run(List<String> command) {
		try {
			return new ProcessBuilder(command).inheritIO().start().waitFor();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

}
