package dev.latencylab.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.gatling.javaapi.core.Simulation;

/**
 * Runs one simulation from Java (a test of another module, typically) in a forked JVM, as
 * the Maven plugin does, and returns what Gatling measured, read from the run's
 * {@code simulation.log} by Gatling's own reader ({@link GatlingReport}, in a second
 * short fork). The fork gets the simulation's parameters as system properties, the same
 * as {@code -D} options given to {@code ./mvnw gatling:test}, so that runs from a test
 * and from the command line are alike; it shares nothing with the caller's JVM (no system
 * properties changed, no Gatling threads left behind).
 *
 * <pre>
 * LoadResult result = LoadRun.of(SteadyCheckoutSimulation.class)
 * 	.baseUrl("http://127.0.0.1:8080")
 * 	.property("rate", 10)
 * 	.property("duration", 60)
 * 	.resultsDirectory(Path.of("target/gatling"))
 * 	.run();
 * result.checkout().p99Ms();
 * </pre>
 *
 * The fork's class path is the caller's ({@code java.class.path}, which Surefire and
 * Failsafe set to the test class path): it must hold the load-tests jar and its
 * dependencies (Gatling), as a test-scoped dependency on
 * {@code dev.latencylab:load-tests} gives.
 */
public final class LoadRun {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

	private final String simulationClass;

	private final Map<String, String> properties = new LinkedHashMap<>();

	private final List<String> jvmArguments = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseG1GC"));

	private Path resultsDirectory = Path.of("target", "gatling");

	private Duration timeout;

	private String classPath = System.getProperty("java.class.path");

	private LoadRun(String simulationClass) {
		this.simulationClass = simulationClass;
	}

	/**
	 * @param simulation the simulation to run, e.g.
	 * {@code SteadyCheckoutSimulation.class}
	 * @return a run of it, not started
	 */
	public static LoadRun of(Class<? extends Simulation> simulation) {
		return new LoadRun(simulation.getName());
	}

	/**
	 * @param simulationClass the simulation's fully qualified class name
	 * @return a run of it, not started
	 */
	public static LoadRun of(String simulationClass) {
		return new LoadRun(simulationClass);
	}

	/**
	 * @param baseUrl the gateway to load (the {@code baseUrl} property)
	 * @return this run
	 */
	public LoadRun baseUrl(String baseUrl) {
		return property("baseUrl", baseUrl);
	}

	/**
	 * A parameter of the simulation, e.g. {@code rate}, {@code duration} (seconds),
	 * {@code p99Ms}; each simulation's Javadoc lists its own.
	 * @param name the property
	 * @param value its value
	 * @return this run
	 */
	public LoadRun property(String name, Object value) {
		this.properties.put(name, String.valueOf(value));
		return this;
	}

	/**
	 * @param directory where Gatling writes the run's report (a subdirectory per run);
	 * {@code target/gatling} by default
	 * @return this run
	 */
	public LoadRun resultsDirectory(Path directory) {
		this.resultsDirectory = directory;
		return this;
	}

	/**
	 * @param timeout how long the run may take before it is stopped; by default the
	 * simulation's {@code duration} (or 30 minutes) plus two minutes
	 * @return this run
	 */
	public LoadRun timeout(Duration timeout) {
		this.timeout = timeout;
		return this;
	}

	/**
	 * @param argument an option for the forked JVM (by default {@code -Xmx512m
	 * -XX:+UseG1GC})
	 * @return this run
	 */
	public LoadRun jvmArgument(String argument) {
		this.jvmArguments.add(argument);
		return this;
	}

	/**
	 * @param classPath the forked JVM's class path, when the caller's is not the one
	 * @return this run
	 */
	public LoadRun classPath(String classPath) {
		this.classPath = classPath;
		return this;
	}

	/**
	 * Runs the simulation and waits for its figures.
	 * @return what Gatling measured; {@link LoadResult#assertionsPassed()} is false when
	 * an assertion failed (that is a result, not an error)
	 * @throws LoadRunException when Gatling could not run the simulation, did not finish
	 * in time or wrote no {@code simulation.log} that its reader could read
	 * @throws IOException when the results directory cannot be written or read
	 * @throws InterruptedException when interrupted while waiting (the fork is stopped)
	 */
	public LoadResult run() throws IOException, InterruptedException {
		Files.createDirectories(this.resultsDirectory);
		Path results = this.resultsDirectory.toAbsolutePath();
		Set<Path> before = reports(results);
		String name = this.simulationClass.substring(this.simulationClass.lastIndexOf('.') + 1);
		Path console = results
			.resolve(name.toLowerCase(Locale.ROOT) + "-" + LocalDateTime.now().format(STAMP) + ".log");
		Process process = new ProcessBuilder(command(results)).redirectErrorStream(true)
			.redirectOutput(console.toFile())
			.start();
		int exit;
		try {
			if (!process.waitFor(timeout().toMillis(), TimeUnit.MILLISECONDS)) {
				throw new LoadRunException(
						name + " did not finish within " + timeout() + "; its output is in " + console + tail(console));
			}
			exit = process.exitValue();
		}
		finally {
			if (process.isAlive()) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		// Gatling's exit status: 0 all assertions held, 2 one failed, anything else an
		// error
		if (exit != 0 && exit != 2) {
			throw new LoadRunException(
					name + " failed (exit status " + exit + "); its output is in " + console + tail(console));
		}
		Path report = newReport(results, before);
		if (report == null) {
			throw new LoadRunException(name + " wrote no run directory (with a " + GatlingReport.LOG_FILE + ") to "
					+ results + "; its output is in " + console + tail(console));
		}
		GatlingReport figures;
		try {
			figures = GatlingReport.read(report, this.classPath);
		}
		catch (IllegalStateException ex) {
			throw new LoadRunException(name + "'s figures could not be read: " + ex.getMessage(), ex);
		}
		return new LoadResult(report, console, exit == 0, List.copyOf(figures.assertions()), figures.all(),
				Collections.unmodifiableMap(figures.requests()));
	}

	List<String> command(Path results) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// what Gatling needs on Java 17 and later (the Maven plugin passes the same)
		command.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
		command.add("--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED");
		command.addAll(this.jvmArguments);
		command.add("-cp");
		command.add(this.classPath);
		// the HTML report's and the console's percentile columns: those of the figures
		// GatlingReport reads, whatever gatling.conf the class path holds
		for (int i = 0; i < GatlingReport.PERCENTILES.size(); i++) {
			command.add("-Dgatling.charting.indicators.percentile" + (i + 1) + "=" + GatlingReport.PERCENTILES.get(i));
		}
		command.add("-Dgatling.data.enableAnalytics=false");
		command.add("-Dlogback.configurationFile=dev/latencylab/load/logback-gatling.xml");
		this.properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
		command.add("io.gatling.app.Gatling");
		command.add("--simulation");
		command.add(this.simulationClass);
		command.add("--results-folder");
		command.add(results.toString());
		if (!this.properties.isEmpty()) {
			command.add("--run-description");
			command.add(this.properties.entrySet()
				.stream()
				.map((entry) -> entry.getKey() + "=" + entry.getValue())
				.collect(Collectors.joining(" ")));
		}
		return command;
	}

	private Duration timeout() {
		if (this.timeout != null) {
			return this.timeout;
		}
		String duration = this.properties.get("duration");
		Duration expected = Duration.ofMinutes(30);
		if (duration != null) {
			try {
				expected = Duration.ofMillis(Math.round(Double.parseDouble(duration) * 1000));
			}
			catch (NumberFormatException ex) {
				// the simulation itself names the bad value
			}
		}
		return expected.plusMinutes(2);
	}

	private static Set<Path> reports(Path results) throws IOException {
		try (Stream<Path> entries = Files.list(results)) {
			return entries.filter((entry) -> Files.isRegularFile(entry.resolve(GatlingReport.LOG_FILE)))
				.collect(Collectors.toSet());
		}
	}

	private static Path newReport(Path results, Set<Path> before) throws IOException {
		return reports(results).stream()
			.filter((report) -> !before.contains(report))
			.max((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
			.orElse(null);
	}

	private static String tail(Path console) {
		try {
			List<String> lines = Files.readAllLines(console, StandardCharsets.UTF_8);
			return lines.subList(Math.max(0, lines.size() - 30), lines.size())
				.stream()
				.collect(Collectors.joining(System.lineSeparator(), ":" + System.lineSeparator(), ""));
		}
		catch (IOException ex) {
			return "";
		}
	}

	/**
	 * A run that could not be carried out or measured.
	 */
	public static final class LoadRunException extends IOException {

		private static final long serialVersionUID = 1L;

		LoadRunException(String message) {
			super(message);
		}

		LoadRunException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
