package dev.latencylab.runner;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The whole lab as local processes on 127.0.0.1: an embedded PostgreSQL; Zipkin,
 * Prometheus and Alertmanager; the four services and the gateway, each a
 * {@code java -jar} of its module's jar with the OpenTelemetry agent attached
 * ({@link LabRecipes}); warm before Prometheus scrapes it ({@link LabWarmUp}), and each
 * part started again when it dies ({@link Supervision}).
 *
 * <p>
 * Used by {@code ./lab up} and by the end-to-end tests. {@link #close()} stops exactly
 * what {@link #start} started; the pids of everything started are also written to
 * {@code pids} in the state directory, so {@code ./lab down} can stop them even after
 * this process died.
 */
public final class LocalLab implements AutoCloseable {

	private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(300);

	private final Settings settings;

	private final LabRecipes recipes;

	private final Consumer<String> progress;

	private final Map<String, Process> processes = new LinkedHashMap<>();

	private final Map<String, LabPart> parts = new LinkedHashMap<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private LabPostgres postgres;

	private volatile long postmaster = -1;

	private Supervision supervision;

	private volatile boolean closing;

	private LocalLab(Settings settings, Consumer<String> progress) {
		this.settings = settings;
		this.recipes = new LabRecipes(settings);
		this.progress = progress;
	}

	/**
	 * Starts the lab and waits until every part reports healthy.
	 * @param settings where the jars and tools are, where state goes, which ports
	 * @param progress receives one line per step, for a person to watch
	 * @return the running lab
	 */
	public static LocalLab start(Settings settings, Consumer<String> progress) {
		LocalLab lab = new LocalLab(settings, progress);
		try {
			lab.startAll();
			return lab;
		}
		catch (RuntimeException ex) {
			lab.close();
			throw ex;
		}
	}

	private void startAll() {
		long started = System.nanoTime();
		LabSetup.prepareFlagsAndToken(this.settings);
		this.recipes.extractJars(this.progress);
		List<LabPart> parts = new ArrayList<>();
		parts.add(this.recipes.zipkin());
		parts.add(this.recipes.alertmanager());
		for (LabService service : LabService.values()) {
			parts.add(this.recipes.application(service));
		}
		parts.add(this.recipes.toolkit());
		parts.add(this.recipes.postgresExporter());
		// Prometheus last, once the lab is warm (LabWarmUp)
		LabPart prometheus = this.recipes.prometheus();
		LabFiles.createDirectories(logDirectory());
		this.progress.accept("starting PostgreSQL on 127.0.0.1:" + this.settings.ports().postgres());
		this.postgres = LabPostgres.start(this.settings.ports().postgres(),
				this.settings.stateDirectory().resolve("postgres"), this.settings.keepData());
		this.postmaster = this.postgres.pid().orElse(-1L);
		writePids();
		for (LabPart part : parts) {
			launch(part, false);
		}
		awaitReady(parts, started);
		LabWarmUp.run(url(LabService.GATEWAY), started, this.progress);
		launch(prometheus, false);
		awaitReady(List.of(prometheus), started);
		// a part that dies later is started again, with a line in the lab's log
		this.supervision = new Supervision(this::relaunch, this.progress);
		this.processes.forEach(this.supervision::watch);
		this.supervision.watchPostgres(
				// a postmaster whose pid could not be read counts as running
				() -> this.postmaster < 0
						|| ProcessHandle.of(this.postmaster).map(ProcessHandle::isAlive).orElse(false),
				this::restartPostgres);
	}

	private synchronized Process relaunch(String name) {
		if (this.closing) {
			throw new IllegalStateException("the lab is stopping");
		}
		launch(this.parts.get(name), true);
		return this.processes.get(name);
	}

	private synchronized void restartPostgres() {
		if (this.closing) {
			return;
		}
		this.postgres = this.postgres.restarted();
		this.postmaster = this.postgres.pid().orElse(-1L);
		writePids();
	}

	/**
	 * @param again whether it ran before: its log goes on rather than starting over
	 */
	private void launch(LabPart part, boolean again) {
		File log = logFile(part.name()).toFile();
		ProcessBuilder builder = new ProcessBuilder(part.command()).redirectErrorStream(true)
			.redirectOutput(again ? ProcessBuilder.Redirect.appendTo(log) : ProcessBuilder.Redirect.to(log));
		this.parts.put(part.name(), part);
		builder.environment().putAll(part.env());
		try {
			this.processes.put(part.name(), builder.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + part.name(), ex);
		}
		// recorded at once: ./lab down finds it even if this process dies a moment later
		writePids();
		this.progress
			.accept("launched " + part.name() + " on " + part.baseUrl() + " (log: " + logFile(part.name()) + ")");
	}

	private void awaitReady(List<LabPart> parts, long started) {
		List<LabPart> waiting = new ArrayList<>(parts);
		long deadline = System.nanoTime() + HEALTHY_WITHIN.toNanos();
		while (!waiting.isEmpty()) {
			for (LabPart part : List.copyOf(waiting)) {
				Process process = this.processes.get(part.name());
				if (!process.isAlive()) {
					throw new IllegalStateException(
							part.name() + " exited with code " + process.exitValue() + "; last lines of "
									+ logFile(part.name()) + ":\n" + LabFiles.tail(logFile(part.name()), 30));
				}
				if (isReady(part)) {
					waiting.remove(part);
					long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
					this.progress.accept(String.format("[%3ds] %s healthy (%d/%d)", seconds, part.name(),
							parts.size() - waiting.size(), parts.size()));
				}
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Not healthy within " + HEALTHY_WITHIN.toSeconds() + " s: "
						+ waiting.stream().map(LabPart::name).toList());
			}
			if (!waiting.isEmpty()) {
				pause();
			}
		}
	}

	private boolean isReady(LabPart part) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(part.baseUrl() + part.readyPath()))
			.timeout(Duration.ofSeconds(2))
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 && (!part.springHealth() || response.body().contains("\"UP\""));
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Whether a service answers its health check with UP.
	 * @param service the service
	 * @return whether it is healthy
	 */
	public boolean isHealthy(LabService service) {
		return isReady(this.recipes.application(service));
	}

	/**
	 * @param service a service
	 * @return its base URL, e.g. {@code http://127.0.0.1:8080}
	 */
	public String url(LabService service) {
		return this.recipes.url(service);
	}

	/**
	 * @param tool an observability tool
	 * @return its base URL, e.g. {@code http://127.0.0.1:9411}
	 */
	public String url(LabTool tool) {
		return this.recipes.url(tool);
	}

	/**
	 * @return the flags file every application of this lab reads (a copy of the
	 * repository's {@code flags/flags.json} in the state directory, so switching faults
	 * never edits the repository)
	 */
	public Path flagsFile() {
		return this.settings.state().flagsFile();
	}

	/**
	 * @return the admin token of this lab, made up at its first start and kept in the
	 * state directory ({@code admin-token})
	 */
	public String adminToken() {
		return LabFiles.readString(this.settings.state().adminTokenFile()).trim();
	}

	/**
	 * @return the JDBC URL of the lab database (user and password {@code postgres})
	 */
	public String jdbcUrl() {
		return this.postgres.jdbcUrl();
	}

	/**
	 * @return the process ids of everything this lab started, PostgreSQL's postmaster
	 * included, by part name
	 */
	public Map<String, Long> pids() {
		Map<String, Long> pids = new LinkedHashMap<>();
		records().forEach((record) -> pids.put(record.name(), record.pid()));
		return pids;
	}

	private synchronized List<LabState.Record> records() {
		List<LabState.Record> records = new ArrayList<>();
		if (this.postgres != null) {
			this.postgres.pid()
				.flatMap(ProcessHandle::of)
				.ifPresent((postmaster) -> records.add(LabState.Record.of("postgresql", postmaster)));
		}
		this.processes.forEach((name, process) -> records.add(LabState.Record.of(name, process.toHandle())));
		return records;
	}

	public Path logFile(String part) {
		return logDirectory().resolve(part + ".log");
	}

	private Path logDirectory() {
		return this.settings.stateDirectory().resolve("logs");
	}

	private void writePids() {
		LabState.write(this.settings.state().pidsFile(), records());
	}

	public void close() {
		this.closing = true;
		if (this.supervision != null) {
			// after any restart under way: what it started is stopped below
			this.supervision.close();
		}
		List<String> names = new ArrayList<>(this.processes.keySet());
		// applications first, so that none of them reports its dependencies as gone
		java.util.Collections.reverse(names);
		for (String name : names) {
			this.processes.get(name).destroy();
		}
		for (String name : names) {
			Process process = this.processes.get(name);
			try {
				if (!process.waitFor(15, TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
		this.processes.clear();
		synchronized (this) {
			// after a restart of PostgreSQL under way
			if (this.postgres != null) {
				this.postgres.close();
				this.postgres = null;
			}
		}
		try {
			Files.deleteIfExists(this.settings.state().pidsFile());
		}
		catch (IOException ex) {
			// a stale pids file only makes ./lab down look for processes that are gone
		}
	}

	private static void pause() {
		try {
			// polling interval of the readiness wait, not a stand-in for work
			TimeUnit.MILLISECONDS.sleep(500);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the lab", ex);
		}
	}

	/**
	 * How to run the lab.
	 *
	 * @param repository the repository root, where the modules' jars and the
	 * observability configuration are
	 * @param tools where the OpenTelemetry agent and Zipkin jars are (lab-runner's
	 * {@code target/tools})
	 * @param stateDirectory where logs and data go
	 * @param ports the ports to listen on
	 * @param keepData whether PostgreSQL keeps data from an earlier run
	 * @param heap the maximum heap of each application, e.g. {@code 384m}
	 * @param telemetry which instruments run in the applications
	 * @param admission whether the gateway sheds checkouts beyond its admission rate (off
	 * only for benchmarks that look for the lab's own limit)
	 */
	public record Settings(Path repository, Path tools, Path stateDirectory, LabPorts ports, boolean keepData,
			String heap, Telemetry telemetry, boolean admission) {

		/**
		 * Settings of a lab whose gateway admits as it is configured to.
		 * @param repository the repository root
		 * @param tools where the OpenTelemetry agent and Zipkin jars are
		 * @param stateDirectory where logs and data go
		 * @param ports the ports to listen on
		 * @param keepData whether PostgreSQL keeps data from an earlier run
		 * @param heap the maximum heap of each application
		 * @param telemetry which instruments run in the applications
		 */
		public Settings(Path repository, Path tools, Path stateDirectory, LabPorts ports, boolean keepData, String heap,
				Telemetry telemetry) {
			this(repository, tools, stateDirectory, ports, keepData, heap, telemetry, true);
		}

		/**
		 * Settings of a lab with all its telemetry.
		 * @param repository the repository root
		 * @param tools where the OpenTelemetry agent and Zipkin jars are
		 * @param stateDirectory where logs and data go
		 * @param ports the ports to listen on
		 * @param keepData whether PostgreSQL keeps data from an earlier run
		 * @param heap the maximum heap of each application
		 */
		public Settings(Path repository, Path tools, Path stateDirectory, LabPorts ports, boolean keepData,
				String heap) {
			this(repository, tools, stateDirectory, ports, keepData, heap, Telemetry.FULL);
		}

		/**
		 * @return the state directory's files
		 */
		public LabState state() {
			return new LabState(this.stateDirectory);
		}

	}

}
