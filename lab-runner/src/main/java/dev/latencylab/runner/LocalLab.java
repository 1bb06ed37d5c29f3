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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whole lab as local processes on 127.0.0.1: an embedded PostgreSQL; Zipkin,
 * Prometheus and Alertmanager; the four services and the gateway, each a
 * {@code java -jar} of its module's jar with the OpenTelemetry agent attached.
 *
 * <p>
 * Used by {@code ./lab up} and by the end-to-end tests. {@link #close()} stops exactly
 * what {@link #start} started; the pids of everything started are also written to
 * {@code pids} in the state directory, so {@code ./lab down} can stop them even after
 * this process died.
 */
public final class LocalLab implements AutoCloseable {

	/**
	 * The client compiler only, for every JVM of the lab: six JVMs starting together on
	 * two cores spent most of their start-up in the optimizing compiler's threads (113 s
	 * to all healthy with it, 51 s without). Under the lab's load the services then use
	 * less CPU, not more: none of it goes to optimizing compilations.
	 */
	private static final String QUICK_START = "-XX:TieredStopAtLevel=1";

	private static final String FLIGHT_RECORDER_STACK_DEPTH = "-XX:FlightRecorderOptions:stackdepth=128";

	private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(300);

	/** Warm-up checkouts a second: what ./lab load sends. */
	private static final double WARM_UP_RATE = 4;

	/** The lab is warm when this many checkouts in a row answered ... */
	private static final int WARM_UP_LAST = 20;

	/** ... each within this. */
	private static final Duration WARM_UP_SLOWEST = Duration.ofMillis(500);

	private static final Duration WARM_UP_WITHIN = Duration.ofSeconds(120);

	private final Settings settings;

	private final Consumer<String> progress;

	private final Map<String, Process> processes = new LinkedHashMap<>();

	private final Map<String, Part> parts = new LinkedHashMap<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private LabPostgres postgres;

	private volatile long postmaster = -1;

	private Supervision supervision;

	private volatile boolean closing;

	private LocalLab(Settings settings, Consumer<String> progress) {
		this.settings = settings;
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
		prepareFlagsAndToken();
		List<Part> parts = new ArrayList<>();
		parts.add(zipkin());
		parts.add(alertmanager());
		for (LabService service : LabService.values()) {
			parts.add(application(service));
		}
		parts.add(toolkit());
		parts.add(postgresExporter());
		// Prometheus last, once the lab is warm: see warmUp()
		Part prometheus = prometheus();
		createDirectories(logDirectory());
		this.progress.accept("starting PostgreSQL on 127.0.0.1:" + this.settings.ports().postgres());
		this.postgres = LabPostgres.start(this.settings.ports().postgres(),
				this.settings.stateDirectory().resolve("postgres"), this.settings.keepData());
		this.postmaster = this.postgres.pid().orElse(-1L);
		writePids();
		for (Part part : parts) {
			launch(part, false);
		}
		awaitReady(parts, started);
		warmUp(started);
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
	 * Checkouts through the gateway until they are as fast as they will be: the first
	 * ones of fresh JVMs take seconds (classes loaded, connections opened, code
	 * compiled), and a latency alert must not fire because a lab has just started.
	 * Prometheus starts scraping only after this, so the warm-up's slow first checkouts
	 * are in no window of its rules, as a production service would warm up behind its
	 * readiness probe.
	 */
	private void warmUp(long started) {
		List<CheckoutTraffic.Checkout> answers = java.util.Collections.synchronizedList(new ArrayList<>());
		long deadline = System.nanoTime() + WARM_UP_WITHIN.toNanos();
		boolean warm;
		List<CheckoutTraffic.Checkout> last;
		try (CheckoutTraffic traffic = new CheckoutTraffic(url(LabService.GATEWAY), WARM_UP_RATE, 10, 40,
				answers::add)) {
			// one at a time while the path is cold: cold requests sent at a rate pile up
			// behind each other, and each then takes many seconds
			CheckoutTraffic.Checkout first = traffic.sendOne();
			answers.add(first);
			while (!(first.ok() && first.millis() < WARM_UP_SLOWEST.toMillis()) && System.nanoTime() < deadline) {
				first = traffic.sendOne();
				answers.add(first);
			}
			this.progress.accept(String.format("[%3ds] warming up: %d checkouts one at a time, the first took %.0f ms",
					TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), answers.size(),
					answers.get(0).millis()));
			traffic.start();
			long shown = System.nanoTime();
			while (!isWarm(answers) && System.nanoTime() < deadline) {
				pause();
				if (System.nanoTime() - shown > TimeUnit.SECONDS.toNanos(10)) {
					shown = System.nanoTime();
					List<CheckoutTraffic.Checkout> recent = lastOf(answers, WARM_UP_LAST);
					this.progress
						.accept(String.format("[%3ds] warming up: %d checkouts so far, the last %d in %.0f ms at most",
								TimeUnit.NANOSECONDS.toSeconds(shown - started), answers.size(), recent.size(),
								recent.stream().mapToDouble(CheckoutTraffic.Checkout::millis).max().orElse(0)));
				}
			}
			// as it stood when the traffic stopped; what was in flight still answers
			// before Prometheus starts, so it is in none of its windows
			warm = isWarm(answers);
			last = lastOf(answers, WARM_UP_LAST);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while warming up", ex);
		}
		this.progress.accept(String.format("[%3ds] warmed up: %d checkouts, the last %d in %.0f ms at most%s",
				TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), answers.size(), last.size(),
				last.stream().mapToDouble(CheckoutTraffic.Checkout::millis).max().orElse(0),
				warm ? "" : " (still slow after " + WARM_UP_WITHIN.toSeconds() + " s; going on)"));
	}

	private static boolean isWarm(List<CheckoutTraffic.Checkout> answers) {
		List<CheckoutTraffic.Checkout> last = lastOf(answers, WARM_UP_LAST);
		return last.size() == WARM_UP_LAST && last.stream()
			.allMatch((checkout) -> checkout.ok() && checkout.millis() < WARM_UP_SLOWEST.toMillis());
	}

	private static List<CheckoutTraffic.Checkout> lastOf(List<CheckoutTraffic.Checkout> answers, int count) {
		synchronized (answers) {
			return List.copyOf(answers.subList(Math.max(0, answers.size() - count), answers.size()));
		}
	}

	private Part application(LabService service) {
		Path jar = this.settings.repository()
			.resolve(service.module())
			.resolve("target")
			.resolve(service.module() + ".jar");
		requireFile(jar, "build the lab first (./mvnw -DskipTests package)");
		Path agent = requireFile(this.settings.tools().resolve("opentelemetry-javaagent.jar"),
				"build the lab first (./mvnw -DskipTests package)");
		List<String> command = new ArrayList<>();
		command.add(java());
		command.add(QUICK_START);
		// the flight recorder's stacks (lab-kit) reach from the socket read up to the
		// controller; the default of 64 frames cuts Spring's deep request stacks
		command.add(FLIGHT_RECORDER_STACK_DEPTH);
		if (service == LabService.PAYMENT) {
			// payment-gc-pause needs a big, serially collected old generation and a small
			// young one, so that its full collections stop the world for seconds
			// (payment-service/README.md)
			command.addAll(List.of("-XX:+UseSerialGC", "-Xms2g", "-Xmx2g", "-Xmn128m"));
		}
		else {
			command.add("-Xmx" + this.settings.heap());
		}
		command.add("-javaagent:" + agent);
		command.add("-jar");
		command.add(jar.toString());
		command.addAll(arguments(service));
		Map<String, String> env = new LinkedHashMap<>();
		env.put("OTEL_SERVICE_NAME", service.serviceName());
		env.put("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=local-lab");
		env.put("OTEL_TRACES_EXPORTER", "zipkin");
		env.put("OTEL_EXPORTER_ZIPKIN_ENDPOINT", url(LabTool.ZIPKIN) + "/api/v2/spans");
		// metrics go through Micrometer to Prometheus; logs stay in the log files
		env.put("OTEL_METRICS_EXPORTER", "none");
		env.put("OTEL_LOGS_EXPORTER", "none");
		// export spans within a second, so a trace can be looked at right after the
		// request
		env.put("OTEL_BSP_SCHEDULE_DELAY", "1000");
		return new Part(service.serviceName(), url(service), "/actuator/health", true, command, env);
	}

	private List<String> arguments(LabService service) {
		List<String> args = new ArrayList<>();
		args.add("--server.port=" + this.settings.ports().port(service));
		args.add("--server.address=127.0.0.1");
		// one flags file for the whole lab: a fault switched through any service reaches
		// all
		args.add("--lab.flags.path=" + flagsFile());
		args.add("--lab.admin.token=" + adminToken());
		switch (service) {
			case GATEWAY -> {
				args.add("--gateway.upstreams.checkout=" + url(LabService.CHECKOUT));
				args.add("--gateway.upstreams.inventory=" + url(LabService.INVENTORY));
				args.add("--gateway.upstreams.payment=" + url(LabService.PAYMENT));
				args.add("--gateway.upstreams.fraud=" + url(LabService.FRAUD));
			}
			case CHECKOUT -> {
				args.addAll(database());
				args.add("--checkout.downstream.inventory.base-url=" + url(LabService.INVENTORY));
				args.add("--checkout.downstream.fraud.base-url=" + url(LabService.FRAUD));
				args.add("--checkout.downstream.payment.base-url=" + url(LabService.PAYMENT));
			}
			default -> args.addAll(database());
		}
		return args;
	}

	private List<String> database() {
		// the parts are described before PostgreSQL starts, so the URL comes from the
		// port
		return List.of(
				"--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + this.settings.ports().postgres() + "/"
						+ LabPostgres.DATABASE,
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
	}

	private Part zipkin() {
		Path jar = requireFile(this.settings.tools().resolve("zipkin-server.jar"),
				"build the lab first (./mvnw -DskipTests package)");
		Map<String, String> env = new LinkedHashMap<>();
		env.put("QUERY_PORT", String.valueOf(this.settings.ports().port(LabTool.ZIPKIN)));
		// in memory: ~10 min of checkouts at 4 a second (a span takes 1-2 KB with its
		// SQL);
		// 200,000 spans in 256 MB ran out of memory under a long load
		env.put("MEM_MAX_SPANS", "100000");
		return new Part(LabTool.ZIPKIN.toolName(), url(LabTool.ZIPKIN), LabTool.ZIPKIN.readyPath(), false,
				List.of(java(), QUICK_START, "-Xmx512m", stateMarker(), "-jar", jar.toString()), env);
	}

	/**
	 * A system property naming the state directory, for a JVM whose arguments would not
	 * otherwise show which lab it belongs to: {@code ./lab down} stops only processes
	 * whose command line names the lab's state.
	 */
	private String stateMarker() {
		return "-Dlab.state=" + this.settings.stateDirectory();
	}

	private Part prometheus() {
		String binary = executable("prometheus").orElseThrow(() -> new IllegalStateException(
				"prometheus is not installed: apt-get install prometheus (./lab up does it for you as root)"));
		Path directory = this.settings.stateDirectory().resolve("prometheus");
		Path config = directory.resolve("prometheus.yml");
		createDirectories(directory);
		writeString(config, prometheusConfig());
		return new Part(LabTool.PROMETHEUS.toolName(), url(LabTool.PROMETHEUS), LabTool.PROMETHEUS.readyPath(), false,
				List.of(binary, "--config.file=" + config, "--storage.tsdb.path=" + directory.resolve("data"),
						"--storage.tsdb.retention.time=2d", "--web.listen-address=" + address(LabTool.PROMETHEUS),
						"--web.enable-lifecycle", "--enable-feature=exemplar-storage"),
				Map.of());
	}

	private String prometheusConfig() {
		Path template = requireFile(this.settings.repository().resolve("observability/prometheus/prometheus-lab.yml"),
				"the repository is incomplete");
		String config = readString(template).replace("${rules}",
				this.settings.repository().resolve("observability/prometheus/rules").toString());
		for (LabService service : LabService.values()) {
			config = config.replace("${" + service.serviceName() + "}", address(service));
		}
		for (LabTool tool : LabTool.values()) {
			config = config.replace("${" + tool.toolName() + "}", address(tool));
		}
		return config;
	}

	/**
	 * The standard PostgreSQL exporter with the lab's own queries (sessions by what they
	 * wait for, top statements).
	 */
	private Part postgresExporter() {
		String binary = executable("prometheus-postgres-exporter").orElseThrow(() -> new IllegalStateException(
				"the PostgreSQL exporter is not installed: apt-get install prometheus-postgres-exporter "
						+ "(./lab up does it for you as root)"));
		Path queries = requireFile(this.settings.repository().resolve("observability/postgres-exporter/queries.yml"),
				"the repository is incomplete");
		return new Part(LabTool.POSTGRES_EXPORTER.toolName(), url(LabTool.POSTGRES_EXPORTER),
				LabTool.POSTGRES_EXPORTER.readyPath(), false,
				List.of(binary, "--web.listen-address=" + address(LabTool.POSTGRES_EXPORTER),
						"--extend.query-path=" + queries),
				Map.of("DATA_SOURCE_NAME", "postgresql://postgres:postgres@127.0.0.1:"
						+ this.settings.ports().postgres() + "/" + "lab?sslmode=disable"));
	}

	private Part alertmanager() {
		String binary = executable("prometheus-alertmanager").or(() -> executable("alertmanager"))
			.orElseThrow(() -> new IllegalStateException(
					"alertmanager is not installed: apt-get install prometheus-alertmanager (./lab up does it for you as root)"));
		Path directory = this.settings.stateDirectory().resolve("alertmanager");
		createDirectories(directory);
		Path config = directory.resolve("alertmanager.yml");
		writeString(config, alertmanagerConfig());
		return new Part(LabTool.ALERTMANAGER.toolName(), url(LabTool.ALERTMANAGER), LabTool.ALERTMANAGER.readyPath(),
				false,
				List.of(binary, "--config.file=" + config, "--storage.path=" + directory,
						"--web.listen-address=" + address(LabTool.ALERTMANAGER),
						// a single Alertmanager: no gossip port
						"--cluster.listen-address="),
				Map.of());
	}

	/**
	 * The repository's Alertmanager configuration with the webhook pointed at this lab's
	 * toolkit (the file names the default address).
	 */
	private String alertmanagerConfig() {
		String webhook = "http://127.0.0.1:" + LabTool.TOOLKIT.defaultPort() + "/api/alerts";
		String config = readString(
				requireFile(this.settings.repository().resolve("observability/alertmanager/alertmanager-lab.yml"),
						"the repository is incomplete"));
		if (!config.contains(webhook)) {
			throw new IllegalStateException("alertmanager-lab.yml no longer routes to " + webhook);
		}
		return config.replace(webhook, url(LabTool.TOOLKIT) + "/api/alerts");
	}

	/**
	 * The diagnosis toolkit, pointed at this lab's services, Prometheus and Zipkin; its
	 * reports go to the state directory. Not traced: its own calls are not the lab's
	 * traffic.
	 */
	private Part toolkit() {
		Path jar = requireFile(this.settings.repository().resolve("observability/toolkit/target/toolkit.jar"),
				"build the lab first (./mvnw -DskipTests package)");
		List<String> command = new ArrayList<>(List.of(java(), QUICK_START, "-Xmx256m", "-jar", jar.toString(),
				"--server.port=" + this.settings.ports().port(LabTool.TOOLKIT), "--server.address=127.0.0.1",
				"--lab.admin.token=" + adminToken(), "--lab.flags.path=" + flagsFile(),
				"--toolkit.prometheus=" + url(LabTool.PROMETHEUS), "--toolkit.traces.backend=zipkin",
				"--toolkit.traces.url=" + url(LabTool.ZIPKIN), "--toolkit.traces.public-url=" + url(LabTool.ZIPKIN),
				"--toolkit.reports.directory=" + this.settings.stateDirectory().resolve("reports"),
				"--toolkit.reports.public-url=" + url(LabTool.TOOLKIT),
				"--toolkit.docs.directory=" + this.settings.repository(),
				"--toolkit.database.url=" + LabPostgres.jdbcUrl(this.settings.ports().postgres()),
				"--toolkit.database.username=postgres", "--toolkit.database.password=postgres"));
		for (LabService service : LabService.values()) {
			// the gateway is reactive: lab-kit's profiler endpoint is not there
			if (service != LabService.GATEWAY) {
				command.add("--toolkit.services." + service.serviceName() + "=" + url(service));
			}
		}
		return new Part(LabTool.TOOLKIT.toolName(), url(LabTool.TOOLKIT), LabTool.TOOLKIT.readyPath(), true, command,
				Map.of());
	}

	/**
	 * @param again whether it ran before: its log goes on rather than starting over
	 */
	private void launch(Part part, boolean again) {
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

	private void awaitReady(List<Part> parts, long started) {
		List<Part> waiting = new ArrayList<>(parts);
		long deadline = System.nanoTime() + HEALTHY_WITHIN.toNanos();
		while (!waiting.isEmpty()) {
			for (Part part : List.copyOf(waiting)) {
				Process process = this.processes.get(part.name());
				if (!process.isAlive()) {
					throw new IllegalStateException(part.name() + " exited with code " + process.exitValue()
							+ "; last lines of " + logFile(part.name()) + ":\n" + tail(logFile(part.name()), 30));
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
						+ waiting.stream().map(Part::name).toList());
			}
			if (!waiting.isEmpty()) {
				pause();
			}
		}
	}

	private boolean isReady(Part part) {
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
		return isReady(application(service));
	}

	/**
	 * @param service a service
	 * @return its base URL, e.g. {@code http://127.0.0.1:8080}
	 */
	public String url(LabService service) {
		return "http://" + address(service);
	}

	/**
	 * @param tool an observability tool
	 * @return its base URL, e.g. {@code http://127.0.0.1:9411}
	 */
	public String url(LabTool tool) {
		return "http://" + address(tool);
	}

	private String address(LabService service) {
		return "127.0.0.1:" + this.settings.ports().port(service);
	}

	private String address(LabTool tool) {
		return "127.0.0.1:" + this.settings.ports().port(tool);
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
		return readString(this.settings.state().adminTokenFile()).trim();
	}

	private void prepareFlagsAndToken() {
		Path flags = flagsFile();
		createDirectories(flags.getParent());
		String repositoryFlags = readString(
				requireFile(this.settings.repository().resolve("flags/flags.json"), "the repository is incomplete"));
		if (!this.settings.keepData() || !Files.isRegularFile(flags)) {
			writeString(flags, repositoryFlags);
		}
		else {
			writeString(flags, withNewFlags(readString(flags), repositoryFlags));
		}
		Path token = this.settings.state().adminTokenFile();
		if (!Files.isRegularFile(token)) {
			writeString(token, java.util.HexFormat.of().formatHex(randomBytes(16)) + "\n");
		}
	}

	/**
	 * The lab's flags as they were left, with the flags the repository has gained since
	 * (in their initial state): switched faults and fixes survive a restart, new flags
	 * are there.
	 */
	static String withNewFlags(String kept, String repository) {
		JsonMapper json = JsonMapper.builder().build();
		JsonNode keptRoot = json.readTree(kept);
		JsonNode repositoryFlags = json.readTree(repository).path("flags");
		if (!(keptRoot.path("flags") instanceof ObjectNode keptFlags)) {
			return repository;
		}
		boolean added = false;
		for (String key : repositoryFlags.propertyNames()) {
			if (!keptFlags.has(key)) {
				keptFlags.set(key, repositoryFlags.get(key));
				added = true;
			}
		}
		return added ? json.writerWithDefaultPrettyPrinter().writeValueAsString(keptRoot) : kept;
	}

	private static byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		new java.security.SecureRandom().nextBytes(bytes);
		return bytes;
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

	/**
	 * Stops every process (gracefully, then forcibly after 15 s) and PostgreSQL.
	 */
	@Override
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

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static Optional<String> executable(String name) {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(directory, name);
			if (Files.isExecutable(candidate)) {
				return Optional.of(candidate.toString());
			}
		}
		return Optional.empty();
	}

	private static Path requireFile(Path file, String hint) {
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException("Missing " + file + ": " + hint);
		}
		return file;
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

	private static void createDirectories(Path directory) {
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String readString(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void writeString(Path file, String content) {
		try {
			Files.writeString(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String tail(Path file, int lines) {
		try {
			List<String> all = Files.readAllLines(file);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/**
	 * One process of the lab and how to tell it is ready.
	 */
	private record Part(String name, String baseUrl, String readyPath, boolean springHealth, List<String> command,
			Map<String, String> env) {
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
	 */
	public record Settings(Path repository, Path tools, Path stateDirectory, LabPorts ports, boolean keepData,
			String heap) {

		/**
		 * @return the state directory's files
		 */
		public LabState state() {
			return new LabState(this.stateDirectory);
		}

	}

}
