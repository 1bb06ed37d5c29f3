package dev.latencylab.runner;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How each part of the lab is started: its command line, environment and readiness check,
 * from the lab's settings (ports, state directory, jars and tools).
 */
final class LabRecipes {

	/**
	 * The client compiler only, for every JVM of the lab: six JVMs starting together on
	 * two cores spent most of their start-up in the optimizing compiler's threads (113 s
	 * to all healthy with it, 51 s without). Under the lab's load the services then use
	 * less CPU, not more: none of it goes to optimizing compilations.
	 */
	private static final String QUICK_START = "-XX:TieredStopAtLevel=1";

	private static final String NOT_BUILT = "build the lab first (./mvnw -DskipTests package)";

	private static final String FLIGHT_RECORDER_STACK_DEPTH = "-XX:FlightRecorderOptions:stackdepth=128";

	private final LocalLab.Settings settings;

	LabRecipes(LocalLab.Settings settings) {
		this.settings = settings;
	}

	/**
	 * @param service a service
	 * @return its base URL, e.g. {@code http://127.0.0.1:8080}
	 */
	String url(LabService service) {
		return "http://" + address(service);
	}

	/**
	 * @param tool an observability tool
	 * @return its base URL, e.g. {@code http://127.0.0.1:9411}
	 */
	String url(LabTool tool) {
		return "http://" + address(tool);
	}

	private String adminToken() {
		return LabFiles.readString(this.settings.state().adminTokenFile()).trim();
	}

	/**
	 * Extracts the applications' jars that were built since they were last extracted
	 * ({@link ExtractedJars}).
	 * @param progress told what is extracted
	 */
	void extractJars(Consumer<String> progress) {
		List<Path> jars = new ArrayList<>();
		for (LabService service : LabService.values()) {
			jars.add(applicationJar(service));
		}
		jars.add(toolkitJar());
		ExtractedJars.extractStale(jars, java(), progress);
	}

	private Path applicationJar(LabService service) {
		return LabFiles.requireFile(this.settings.repository()
			.resolve(service.module())
			.resolve("target")
			.resolve(service.module() + ".jar"), NOT_BUILT);
	}

	private Path toolkitJar() {
		return LabFiles.requireFile(this.settings.repository().resolve("observability/toolkit/target/toolkit.jar"),
				NOT_BUILT);
	}

	LabPart application(LabService service) {
		Path jar = ExtractedJars.launchable(applicationJar(service));
		Telemetry telemetry = this.settings.telemetry();
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
			command.addAll(List.of("-XX:+UseSerialGC", "-Xms2g", "-Xmx2g", "-Xmn64m"));
		}
		else {
			command.add("-Xmx" + this.settings.heap());
		}
		if (telemetry.agent()) {
			command.add("-javaagent:"
					+ LabFiles.requireFile(this.settings.tools().resolve("opentelemetry-javaagent.jar"), NOT_BUILT));
		}
		command.add("-jar");
		command.add(jar.toString());
		command.addAll(arguments(service));
		if (!telemetry.recorder()) {
			command.add("--lab.profiler.recent.enabled=false");
		}
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
		return new LabPart(service.serviceName(), url(service), "/actuator/health", true, command, env);
	}

	private List<String> arguments(LabService service) {
		List<String> args = new ArrayList<>();
		args.add("--server.port=" + this.settings.ports().port(service));
		args.add("--server.address=127.0.0.1");
		// one flags file for the whole lab: a fault switched through any service reaches
		// all
		args.add("--lab.flags.path=" + this.settings.state().flagsFile());
		args.add("--lab.admin.token=" + adminToken());
		switch (service) {
			case GATEWAY -> {
				args.add("--gateway.upstreams.checkout=" + url(LabService.CHECKOUT));
				args.add("--gateway.upstreams.inventory=" + url(LabService.INVENTORY));
				args.add("--gateway.upstreams.payment=" + url(LabService.PAYMENT));
				args.add("--gateway.upstreams.fraud=" + url(LabService.FRAUD));
				if (!this.settings.admission()) {
					args.add("--gateway.admission.enabled=false");
				}
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

	LabPart zipkin() {
		Path jar = LabFiles.requireFile(this.settings.tools().resolve("zipkin-server.jar"), NOT_BUILT);
		Map<String, String> env = new LinkedHashMap<>();
		env.put("QUERY_PORT", String.valueOf(this.settings.ports().port(LabTool.ZIPKIN)));
		// in memory: ~10 min of checkouts at 4 a second (a span takes 1-2 KB with its
		// SQL);
		// 200,000 spans in 256 MB ran out of memory under a long load
		env.put("MEM_MAX_SPANS", "100000");
		return new LabPart(LabTool.ZIPKIN.toolName(), url(LabTool.ZIPKIN), LabTool.ZIPKIN.readyPath(), false,
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

	LabPart prometheus() {
		String binary = executable("prometheus").orElseThrow(() -> new IllegalStateException(
				"prometheus is not installed: apt-get install prometheus (./lab up does it for you as root)"));
		Path directory = this.settings.stateDirectory().resolve("prometheus");
		Path config = directory.resolve("prometheus.yml");
		LabFiles.createDirectories(directory);
		LabFiles.writeString(config, prometheusConfig());
		return new LabPart(LabTool.PROMETHEUS.toolName(), url(LabTool.PROMETHEUS), LabTool.PROMETHEUS.readyPath(),
				false,
				List.of(binary, "--config.file=" + config, "--storage.tsdb.path=" + directory.resolve("data"),
						"--storage.tsdb.retention.time=2d", "--web.listen-address=" + address(LabTool.PROMETHEUS),
						"--web.enable-lifecycle", "--enable-feature=exemplar-storage"),
				Map.of());
	}

	private String prometheusConfig() {
		Path template = LabFiles.requireFile(
				this.settings.repository().resolve("observability/prometheus/prometheus-lab.yml"),
				"the repository is incomplete");
		String config = LabFiles.readString(template)
			.replace("${rules}", this.settings.repository().resolve("observability/prometheus/rules").toString());
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
	LabPart postgresExporter() {
		String binary = executable("prometheus-postgres-exporter").orElseThrow(() -> new IllegalStateException(
				"the PostgreSQL exporter is not installed: apt-get install prometheus-postgres-exporter "
						+ "(./lab up does it for you as root)"));
		Path queries = LabFiles.requireFile(
				this.settings.repository().resolve("observability/postgres-exporter/queries.yml"),
				"the repository is incomplete");
		return new LabPart(LabTool.POSTGRES_EXPORTER.toolName(), url(LabTool.POSTGRES_EXPORTER),
				LabTool.POSTGRES_EXPORTER.readyPath(), false,
				List.of(binary, "--web.listen-address=" + address(LabTool.POSTGRES_EXPORTER),
						"--extend.query-path=" + queries),
				Map.of("DATA_SOURCE_NAME", "postgresql://postgres:postgres@127.0.0.1:"
						+ this.settings.ports().postgres() + "/" + "lab?sslmode=disable"));
	}

	LabPart alertmanager() {
		String binary = executable("prometheus-alertmanager").or(() -> executable("alertmanager"))
			.orElseThrow(() -> new IllegalStateException(
					"alertmanager is not installed: apt-get install prometheus-alertmanager (./lab up does it for you as root)"));
		Path directory = this.settings.stateDirectory().resolve("alertmanager");
		LabFiles.createDirectories(directory);
		Path config = directory.resolve("alertmanager.yml");
		LabFiles.writeString(config, alertmanagerConfig());
		return new LabPart(LabTool.ALERTMANAGER.toolName(), url(LabTool.ALERTMANAGER), LabTool.ALERTMANAGER.readyPath(),
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
		String config = LabFiles.readString(LabFiles.requireFile(
				this.settings.repository().resolve("observability/alertmanager/alertmanager-lab.yml"),
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
	LabPart toolkit() {
		Path jar = ExtractedJars.launchable(toolkitJar());
		List<String> command = new ArrayList<>(List.of(java(), QUICK_START, "-Xmx256m", "-jar", jar.toString(),
				"--server.port=" + this.settings.ports().port(LabTool.TOOLKIT), "--server.address=127.0.0.1",
				"--lab.admin.token=" + adminToken(), "--lab.flags.path=" + this.settings.state().flagsFile(),
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
		return new LabPart(LabTool.TOOLKIT.toolName(), url(LabTool.TOOLKIT), LabTool.TOOLKIT.readyPath(), true, command,
				Map.of());
	}

	String address(LabService service) {
		return "127.0.0.1:" + this.settings.ports().port(service);
	}

	String address(LabTool tool) {
		return "127.0.0.1:" + this.settings.ports().port(tool);
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

}
