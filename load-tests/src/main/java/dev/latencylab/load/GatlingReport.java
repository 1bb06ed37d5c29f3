package dev.latencylab.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.gatling.charts.stats.GeneralStats;
import io.gatling.charts.stats.Group;
import io.gatling.charts.stats.LogFileData;
import io.gatling.charts.stats.LogFileReader;
import io.gatling.charts.stats.RequestStatsPath;
import io.gatling.charts.stats.StatsPath;
import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.commons.stats.Status;
import io.gatling.core.config.GatlingConfiguration;
import io.gatling.shared.model.assertion.AssertionMessage;
import io.gatling.shared.model.assertion.AssertionResult;
import io.gatling.shared.model.assertion.AssertionValidator;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;
import tools.jackson.databind.json.JsonMapper;

import dev.latencylab.load.LoadResult.AssertionOutcome;

/**
 * A finished run's figures, read from its {@code simulation.log} by Gatling's own reader
 * ({@code LogFileReader}, the one its HTML report is made from) and its assertions
 * evaluated by Gatling's own {@code AssertionValidator}, so that the numbers are
 * Gatling's and not a parse of its HTML. Counts, minimum, maximum and mean are exact; the
 * percentiles are Gatling's t-digest estimates, which can differ by a millisecond from
 * one read of the log to the next (from the HTML report's, say).
 * <p>
 * Since 3.12 {@code simulation.log} is a binary format that only the reader of the same
 * Gatling version reads, and that reader needs {@code java.lang} opened to it (as the
 * Gatling JVM has it): {@link #read(Path, String)} therefore runs it in a short forked
 * JVM (this class's {@link #main(String[])}), which hands the figures back as JSON. The
 * caller's JVM needs no option.
 *
 * @param all the figures of all requests together ({@value #ALL_REQUESTS})
 * @param requests the figures of each request name, in the report's order
 * @param assertions every assertion, as Gatling words it, and whether it held
 */
record GatlingReport(RequestFigures all, Map<String, RequestFigures> requests, List<AssertionOutcome> assertions) {

	static final String ALL_REQUESTS = "All Requests";

	/**
	 * The percentiles of {@link RequestFigures} ({@code p50Ms} to {@code p999Ms}), in
	 * order; {@link LoadRun} configures the HTML report's and the console's percentile
	 * columns with the same.
	 */
	static final List<String> PERCENTILES = List.of("50", "95", "99", "99.9");

	static final String LOG_FILE = "simulation.log";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final long TIMEOUT_SECONDS = 120;

	/**
	 * Reads a run with the caller's class path.
	 * @param runDirectory a run's directory (the one with {@code simulation.log} and
	 * {@code index.html})
	 * @return its figures
	 * @throws IOException when the reader's JVM cannot be run or its answer read
	 * @throws IllegalStateException when the directory holds no {@code simulation.log} or
	 * one this Gatling cannot read (another version's, a truncated one)
	 * @throws InterruptedException when interrupted while waiting (the reader is stopped)
	 */
	static GatlingReport read(Path runDirectory) throws IOException, InterruptedException {
		return read(runDirectory, System.getProperty("java.class.path"));
	}

	/**
	 * Reads a run in a forked JVM.
	 * @param runDirectory a run's directory (the one with {@code simulation.log} and
	 * {@code index.html})
	 * @param classPath the forked JVM's class path: this module and Gatling
	 * @return its figures
	 * @throws IOException when the reader's JVM cannot be run or its answer read
	 * @throws IllegalStateException when the directory holds no {@code simulation.log} or
	 * one this Gatling cannot read (another version's, a truncated one)
	 * @throws InterruptedException when interrupted while waiting (the reader is stopped)
	 */
	static GatlingReport read(Path runDirectory, String classPath) throws IOException, InterruptedException {
		Path directory = runDirectory.toAbsolutePath();
		if (!Files.isRegularFile(directory.resolve(LOG_FILE))) {
			throw new IllegalStateException("no " + LOG_FILE + " in " + directory + ": not a Gatling run directory");
		}
		Path figures = Files.createTempFile("gatling-figures", ".json");
		Path output = Files.createTempFile("gatling-figures", ".log");
		try {
			Process process = new ProcessBuilder(command(directory, figures, classPath)).redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			try {
				if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
					throw new IOException("Gatling's reader did not read " + directory + " within " + TIMEOUT_SECONDS
							+ " s" + tail(output));
				}
			}
			finally {
				if (process.isAlive()) {
					process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("Gatling's reader could not read " + directory + tail(output));
			}
			return JSON.readValue(Files.readString(figures, StandardCharsets.UTF_8), GatlingReport.class);
		}
		finally {
			Files.deleteIfExists(figures);
			Files.deleteIfExists(output);
		}
	}

	/**
	 * The reader's JVM: reads the run directory given as first argument and writes its
	 * figures, as JSON, to the file given as second; exits with 1, the reason on its
	 * output, when it cannot.
	 * @param args the run directory and the file to write
	 * @throws IOException when the figures cannot be written
	 */
	public static void main(String[] args) throws IOException {
		GatlingReport report;
		try {
			report = load(Path.of(args[0]));
		}
		catch (AssertionError | IllegalArgumentException | UnsupportedOperationException ex) {
			// how Gatling's reader refuses a log: another version's, a malformed one
			System.out.println(ex.getMessage());
			System.exit(1);
			return;
		}
		Files.writeString(Path.of(args[1]), JSON.writeValueAsString(report), StandardCharsets.UTF_8);
	}

	/**
	 * Reads a run in this JVM, which must have {@code java.lang} open to Gatling.
	 */
	private static GatlingReport load(Path runDirectory) {
		Path directory = runDirectory.toAbsolutePath();
		LogFileData data = LogFileReader
			.apply(directory.getFileName().toString(), directory.getParent(), GatlingConfiguration.load())
			.read();
		RequestFigures all = figures(ALL_REQUESTS, data, Option.empty(), Option.empty());
		Map<String, RequestFigures> requests = new LinkedHashMap<>();
		for (StatsPath path : CollectionConverters.asJava(data.statsPaths())) {
			if (path instanceof RequestStatsPath request) {
				// the lab's simulations use no groups; a grouped request is named by its
				// path
				List<String> names = new ArrayList<>();
				if (request.group().isDefined()) {
					names.addAll(CollectionConverters.asJava(request.group().get().hierarchy()));
				}
				names.add(request.request());
				String name = String.join(" / ", names);
				requests.put(name, figures(name, data, Option.apply(request.request()), request.group()));
			}
		}
		List<AssertionOutcome> assertions = new ArrayList<>();
		for (AssertionResult result : CollectionConverters
			.asJava(new AssertionValidator(data).validateAssertions(data.assertions()))) {
			assertions.add(new AssertionOutcome(AssertionMessage.message(result.assertion()), result.success()));
		}
		return new GatlingReport(all, requests, assertions);
	}

	/**
	 * One row of the report's statistics table, from the same calls Gatling makes for it.
	 */
	private static RequestFigures figures(String name, LogFileData data, Option<String> request, Option<Group> group) {
		Option<GeneralStats> stats = data.requestGeneralStats(request, group, Option.empty());
		if (stats.isEmpty()) {
			return new RequestFigures(name, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
		}
		GeneralStats all = stats.get();
		long ok = count(data.requestGeneralStats(request, group, Option.apply((Status) OK$.MODULE$)));
		long ko = count(data.requestGeneralStats(request, group, Option.apply((Status) KO$.MODULE$)));
		return new RequestFigures(name, all.count(), ok, ko, all.meanRequestsPerSec(), all.min(),
				percentile(all, PERCENTILES.get(0)), percentile(all, PERCENTILES.get(1)),
				percentile(all, PERCENTILES.get(2)), percentile(all, PERCENTILES.get(3)), all.max(), all.mean());
	}

	private static long count(Option<GeneralStats> stats) {
		return stats.isDefined() ? stats.get().count() : 0;
	}

	private static long percentile(GeneralStats stats, String percentile) {
		// a Scala Double => Int
		return ((Number) stats.percentile().apply(Double.valueOf(percentile))).longValue();
	}

	private static List<String> command(Path directory, Path figures, String classPath) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// Gatling reads simulation.log through String's internals
		command.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
		command.add("-Xmx512m");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-cp");
		command.add(classPath);
		// quiet, whichever SLF4J binding the class path holds
		command.add("-Dlogback.configurationFile=dev/latencylab/load/logback-gatling.xml");
		command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
		command.add(GatlingReport.class.getName());
		command.add(directory.toString());
		command.add(figures.toString());
		return command;
	}

	private static String tail(Path output) {
		try {
			List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
			return lines.subList(Math.max(0, lines.size() - 20), lines.size())
				.stream()
				.collect(Collectors.joining(System.lineSeparator(), ":" + System.lineSeparator(), ""));
		}
		catch (IOException ex) {
			return "";
		}
	}

}
