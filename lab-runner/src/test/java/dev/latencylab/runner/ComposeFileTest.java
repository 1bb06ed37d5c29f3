package dev.latencylab.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks {@code docker-compose.yml}, {@code docker/Dockerfile},
 * {@code observability/prometheus/prometheus-compose.yml} and
 * {@code observability/alertmanager/alertmanager-compose.yml} without a Docker engine:
 * the files they reference exist, ports are unique, every container has a health check
 * and a memory limit, start-up order waits for health, and every application is
 * configured the way the local lab configures it ({@link LocalLab}), with the
 * OpenTelemetry agent pointed at Jaeger. The diagnosis toolkit is built like the
 * applications but is not traced: it reaches every application, Prometheus and Jaeger,
 * receives Alertmanager's webhooks and serves the repository's documents, where the
 * alerts' {@code runbook_url} (built from Prometheus's external label {@code docs_url})
 * leads a browser on the host.
 *
 * <p>
 * Each rule is a function from the parsed files to a list of problems; the tests at the
 * end break a copy of the compose file on purpose and check that the rule notices.
 */
class ComposeFileTest {

	private static final Path REPOSITORY = Path.of(System.getProperty("lab.repository", Path.of("..").toString()))
		.toAbsolutePath()
		.normalize();

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

	private static final Pattern URL = Pattern
		.compile("^(?:jdbc:)?[a-z][a-z0-9+.-]*://([A-Za-z0-9_.-]+):(\\d+)(?:[/?].*)?$");

	/** The diagnosis toolkit's module: built like the applications, not traced. */
	private static final String TOOLKIT_MODULE = "observability/toolkit";

	/** Where the toolkit reads traces: Jaeger's query API and UI. */
	private static final int JAEGER_QUERY_PORT = 16686;

	private static final int PROMETHEUS_PORT = 9090;

	private static Map<String, Object> compose;

	private static Map<String, Object> prometheus;

	private static Map<String, Object> alertmanager;

	private static String dockerfile;

	@BeforeAll
	static void load() {
		compose = interpolate(rawCompose());
		prometheus = yaml(read(REPOSITORY.resolve("observability/prometheus/prometheus-compose.yml")));
		alertmanager = yaml(read(REPOSITORY.resolve("observability/alertmanager/alertmanager-compose.yml")));
		dockerfile = read(REPOSITORY.resolve("docker/Dockerfile"));
	}

	@Test
	void composeFileShouldBeWellFormed() {
		List<String> problems = wellFormed(yaml(read(REPOSITORY.resolve("docker-compose.yml"))));

		assertThat(problems).isEmpty();
	}

	@Test
	void everyReferencedFileShouldExist() {
		List<String> problems = missingFiles(compose, REPOSITORY);

		assertThat(problems).isEmpty();
	}

	@Test
	void publishedHostPortsShouldBeUnique() {
		List<String> problems = duplicateHostPorts(compose);

		assertThat(problems).isEmpty();
	}

	@Test
	void everyServiceShouldHaveAHealthCheckAndAMemoryLimit() {
		List<String> problems = new ArrayList<>(missingHealthChecks(compose));
		problems.addAll(missingMemoryLimits(compose));

		assertThat(problems).isEmpty();
	}

	@Test
	void dependenciesShouldExistAndBeWaitedForUntilHealthy() {
		List<String> problems = badDependencies(compose);

		assertThat(problems).isEmpty();
	}

	@Test
	void everyApplicationShouldRunAsTheLocalLabRunsIt() {
		List<String> problems = misconfiguredApplications(compose, REPOSITORY);

		assertThat(problems).isEmpty();
	}

	@Test
	void everyApplicationShouldSendItsTracesToJaeger() {
		List<String> problems = badTracing(compose, REPOSITORY);

		assertThat(problems).isEmpty();
	}

	@Test
	void prometheusShouldScrapeEveryApplicationAndAlertThroughAlertmanager() {
		List<String> problems = badPrometheus(prometheus, compose, REPOSITORY);

		assertThat(problems).isEmpty();
	}

	@Test
	void grafanaProvisioningShouldPointAtComposeServices() {
		List<String> problems = badGrafanaProvisioning(compose, REPOSITORY);

		assertThat(problems).isEmpty();
	}

	@Test
	void dockerfileShouldBuildEveryApplicationFromOneRecipe() {
		List<String> problems = badDockerfile(dockerfile, compose, REPOSITORY);

		assertThat(problems).isEmpty();
	}

	@Test
	void toolkitShouldReachTheLabUntracedAndReceiveItsAlerts() {
		List<String> problems = badToolkit(rawCompose(), alertmanager, REPOSITORY);

		assertThat(problems).isEmpty();
	}

	@Test
	void alertsShouldLinkToTheToolkitsDocumentsAsTheHostsBrowserReachesThem() {
		List<String> problems = badDocsUrl(rawCompose(), prometheus);

		assertThat(problems).isEmpty();
	}

	// the rules bite: each broken copy is reported

	@Test
	void shouldReportAHostPortPublishedTwice() {
		Map<String, Object> broken = copy(compose);
		list(service(broken, "grafana"), "ports").add("127.0.0.1:8080:3000");

		assertThat(duplicateHostPorts(broken)).anyMatch((problem) -> problem.contains("8080"));
	}

	@Test
	void shouldReportAServiceWithoutHealthCheckOrMemoryLimit() {
		Map<String, Object> broken = copy(compose);
		service(broken, "fraud-service").remove("healthcheck");
		service(broken, "jaeger").remove("mem_limit");

		assertThat(missingHealthChecks(broken)).anyMatch((problem) -> problem.contains("fraud-service"));
		assertThat(missingMemoryLimits(broken)).anyMatch((problem) -> problem.contains("jaeger"));
	}

	@Test
	void shouldReportADependencyOnAnUnknownServiceOrNotWaitingForHealth() {
		Map<String, Object> broken = copy(compose);
		Map<String, Object> dependsOn = map(service(broken, "gateway"), "depends_on");
		dependsOn.put("no-such-service", Map.of("condition", "service_started"));
		dependsOn.put("checkout-service", Map.of("condition", "service_started"));

		assertThat(badDependencies(broken)).anyMatch((problem) -> problem.contains("no-such-service"))
			.anyMatch((problem) -> problem.contains("checkout-service") && problem.contains("service_healthy"));
	}

	@Test
	void shouldReportAMissingVolumeSource() {
		Map<String, Object> broken = copy(compose);
		list(service(broken, "prometheus"), "volumes").add("./observability/no-such-file.yml:/etc/x.yml:ro");

		assertThat(missingFiles(broken, REPOSITORY)).anyMatch((problem) -> problem.contains("no-such-file.yml"));
	}

	@Test
	void shouldReportAWrongServiceNameOrAnUnreachableDownstream() {
		Map<String, Object> broken = copy(compose);
		environment(service(broken, "payment-service")).put("OTEL_SERVICE_NAME", "payments");
		environment(service(broken, "checkout-service")).put("CHECKOUT_DOWNSTREAM_FRAUD_BASE_URL",
				"http://fraud-service:9999");

		assertThat(badTracing(broken, REPOSITORY)).anyMatch((problem) -> problem.contains("payments"));
		assertThat(misconfiguredApplications(broken, REPOSITORY)).anyMatch((problem) -> problem.contains("9999"));
	}

	@Test
	void shouldReportAToolkitThatProfilesTheWrongServicesOrMissesItsAlerts() {
		Map<String, Object> broken = rawCompose();
		Map<String, String> env = environment(service(broken, "toolkit"));
		env.put("SPRING_APPLICATION_JSON", """
				{"toolkit":{"services":{"gateway":"http://gateway:8080",
				"checkout-service":"http://inventory-service:8082","fraud-service":"http://fraud-service:9999"}}}""");
		env.put("TOOLKIT_TRACES_PUBLIC_URL", "http://localhost:${LAB_JAEGER_PORT:-16686}");
		env.remove("OTEL_JAVAAGENT_ENABLED");
		Map<String, Object> brokenAlertmanager = copy(alertmanager);
		Map<String, Object> receiver = cast(list(brokenAlertmanager, "receivers").get(0));
		Map<String, Object> webhook = cast(list(receiver, "webhook_configs").get(0));
		webhook.put("url", "http://toolkit:8080/api/alerts");

		assertThat(badToolkit(broken, brokenAlertmanager, REPOSITORY))
			.anyMatch((problem) -> problem.contains("checkout-service") && problem.contains("inventory-service:8082"))
			.anyMatch((problem) -> problem.contains("payment-service") && problem.contains("gateway"))
			.anyMatch((problem) -> problem.contains("LAB_JAEGER_PORT"))
			.anyMatch((problem) -> problem.contains("OTEL_JAVAAGENT_ENABLED"))
			.anyMatch((problem) -> problem.contains("toolkit:8080"));
		assertThat(misconfiguredApplications(interpolate(broken), REPOSITORY))
			.anyMatch((problem) -> problem.contains("fraud-service:9999"));
	}

	@Test
	void shouldReportAToolkitWithoutTheRepositoryOrAlertsLinkingElsewhere() {
		Map<String, Object> broken = rawCompose();
		list(service(broken, "toolkit"), "volumes").removeIf((volume) -> String.valueOf(volume).startsWith(".:"));
		list(service(broken, "toolkit"), "volumes").add("./runbooks:/lab/repository");
		environment(service(broken, "prometheus")).remove("LAB_TOOLKIT_PORT");
		Map<String, Object> brokenPrometheus = copy(prometheus);
		map(map(brokenPrometheus, "global"), "external_labels").put("docs_url", "http://toolkit:8090/docs");

		assertThat(badToolkit(broken, alertmanager, REPOSITORY))
			.anyMatch((problem) -> problem.contains("TOOLKIT_DOCS_DIRECTORY"));
		assertThat(badDocsUrl(broken, prometheus)).anyMatch((problem) -> problem.contains("LAB_TOOLKIT_PORT"));
		assertThat(badDocsUrl(rawCompose(), brokenPrometheus))
			.anyMatch((problem) -> problem.contains("http://toolkit:8090/docs"));
	}

	@Test
	void shouldReportAnApplicationPrometheusDoesNotScrape() {
		Map<String, Object> broken = copy(prometheus);
		list(broken, "scrape_configs").removeIf((job) -> "fraud-service".equals(((Map<?, ?>) job).get("job_name")));

		assertThat(badPrometheus(broken, compose, REPOSITORY)).anyMatch((problem) -> problem.contains("fraud-service"));
	}

	// rules

	static List<String> wellFormed(Map<String, Object> raw) {
		List<String> problems = new ArrayList<>();
		Set<String> known = Set.of("services", "volumes", "networks", "configs", "secrets", "name", "include");
		for (String key : raw.keySet()) {
			if (!known.contains(key) && !key.startsWith("x-")) {
				problems.add("unknown top-level key '" + key + "'");
			}
		}
		if (!(raw.get("services") instanceof Map<?, ?> declared) || declared.isEmpty()) {
			problems.add("no services");
			return problems;
		}
		for (String name : services(raw).keySet()) {
			Map<String, Object> service = service(raw, name);
			if (!service.containsKey("image") && !service.containsKey("build")) {
				problems.add(name + ": neither image nor build");
			}
			if (service.get("image") instanceof String image && !image.contains(":")) {
				problems.add(name + ": image " + image + " has no pinned tag");
			}
		}
		// every variable has a default, so `docker compose up` needs no .env file
		Matcher matcher = VARIABLE.matcher(read(REPOSITORY.resolve("docker-compose.yml")).replace("$$", ""));
		while (matcher.find()) {
			if (matcher.group(2) == null || !matcher.group(2).endsWith("-")) {
				problems.add("variable without a default: " + matcher.group());
			}
		}
		return problems;
	}

	static List<String> missingFiles(Map<String, Object> compose, Path root) {
		List<String> problems = new ArrayList<>();
		Set<String> namedVolumes = (compose.get("volumes") instanceof Map<?, ?> volumes)
				? volumes.keySet().stream().map(String::valueOf).collect(Collectors.toSet()) : Set.of();
		services(compose).forEach((name, service) -> {
			for (Volume volume : volumes(service)) {
				if (volume.isBind()) {
					Path source = root.resolve(volume.source()).normalize();
					if (!Files.exists(source)) {
						problems.add(name + ": volume source " + volume.source() + " does not exist (" + source + ")");
					}
				}
				else if (!namedVolumes.contains(volume.source())) {
					problems.add(name + ": named volume " + volume.source() + " is not declared under volumes:");
				}
			}
			if (service.containsKey("build")) {
				Path context = root.resolve(buildContext(service)).normalize();
				Path file = context.resolve(buildDockerfile(service));
				if (!Files.isDirectory(context)) {
					problems.add(name + ": build context " + context + " is not a directory");
				}
				if (!Files.isRegularFile(file)) {
					problems.add(name + ": Dockerfile " + file + " does not exist");
				}
				String module = buildArgs(service).get("MODULE");
				if (module == null || !Files.isRegularFile(context.resolve(module).resolve("pom.xml"))) {
					problems.add(name + ": build argument MODULE=" + module + " is not a Maven module of " + context);
				}
			}
		});
		return problems;
	}

	static List<String> duplicateHostPorts(Map<String, Object> compose) {
		List<String> problems = new ArrayList<>();
		Map<String, String> owners = new HashMap<>();
		services(compose).forEach((name, service) -> {
			for (Port port : ports(service)) {
				if (port.published() == null) {
					continue;
				}
				String key = port.published() + "/" + port.protocol();
				String owner = owners.putIfAbsent(key, name);
				if (owner != null) {
					problems.add("host port " + key + " is published by both " + owner + " and " + name);
				}
			}
		});
		return problems;
	}

	static List<String> missingHealthChecks(Map<String, Object> compose) {
		List<String> problems = new ArrayList<>();
		services(compose).forEach((name, service) -> {
			if (!hasHealthCheck(service)) {
				problems.add(name + ": no health check");
			}
		});
		return problems;
	}

	static List<String> missingMemoryLimits(Map<String, Object> compose) {
		List<String> problems = new ArrayList<>();
		services(compose).forEach((name, service) -> {
			if (memoryLimit(service) <= 0) {
				problems.add(name + ": no memory limit (mem_limit or deploy.resources.limits.memory)");
			}
		});
		return problems;
	}

	static List<String> badDependencies(Map<String, Object> compose) {
		List<String> problems = new ArrayList<>();
		Map<String, Map<String, Object>> services = services(compose);
		services.forEach((name, service) -> dependsOn(service).forEach((dependency, condition) -> {
			if (!services.containsKey(dependency)) {
				problems.add(name + ": depends on unknown service " + dependency);
			}
			else if (hasHealthCheck(services.get(dependency)) && !"service_healthy".equals(condition)) {
				problems.add(
						name + ": should wait for " + dependency + " with condition service_healthy, not " + condition);
			}
		}));
		for (String name : services.keySet()) {
			List<String> cycle = cycleFrom(name, services, new ArrayList<>());
			if (cycle != null) {
				problems.add("depends_on cycle: " + String.join(" -> ", cycle));
				break;
			}
		}
		return problems;
	}

	static List<String> misconfiguredApplications(Map<String, Object> compose, Path root) {
		List<String> problems = new ArrayList<>();
		Map<String, Map<String, Object>> services = services(compose);
		Set<String> modules = new LinkedHashSet<>();
		services.forEach((name, service) -> {
			if (!service.containsKey("build")) {
				return;
			}
			String module = buildArgs(service).get("MODULE");
			modules.add(module);
			Map<String, Object> config = applicationYaml(root, module);
			Map<String, String> env = environment(service);
			int port = Integer
				.parseInt(env.getOrDefault("SERVER_PORT", String.valueOf(property(config, "server.port"))));
			if (ports(service).stream().noneMatch((published) -> published.target() == port)) {
				problems.add(name + ": container port " + port + " (server.port) is not published");
			}
			String health = String.join(" ", healthTest(service));
			if (!health.contains(":" + port + "/actuator/health")) {
				problems.add(name + ": health check does not ask :" + port + "/actuator/health: " + health);
			}
			if ("127.0.0.1".equals(env.get("SERVER_ADDRESS")) || "localhost".equals(env.get("SERVER_ADDRESS"))) {
				problems.add(name + ": SERVER_ADDRESS " + env.get("SERVER_ADDRESS")
						+ " is unreachable from other containers");
			}
			Map<String, String> json = flatten("", applicationJson(env));
			// whatever application.yml points at the loopback address, compose must point
			// elsewhere
			flatten("", config).forEach((key, value) -> {
				if ((value.contains("127.0.0.1") || value.contains("localhost")) && !overridden(key, env)
						&& !json.containsKey(key)) {
					String fix = env.containsKey("SPRING_APPLICATION_JSON")
							? environmentName(key) + " or " + key + " in SPRING_APPLICATION_JSON"
							: environmentName(key);
					problems.add(name + ": " + key + "=" + value + " is not overridden (set " + fix + ")");
				}
			});
			Map<String, String> settings = new LinkedHashMap<>(env);
			json.forEach((key, value) -> settings.put("SPRING_APPLICATION_JSON " + key, value));
			// every URL leads to a port another container listens on, which is started
			// first; a URL on localhost is a link for the host's browser, to a published
			// port
			settings.forEach((variable, value) -> {
				Matcher url = URL.matcher(value);
				if (!url.matches()) {
					return;
				}
				String host = url.group(1);
				int target = Integer.parseInt(url.group(2));
				if (host.equals("localhost") || host.equals("127.0.0.1")) {
					if (services.values()
						.stream()
						.flatMap((other) -> ports(other).stream())
						.noneMatch((published) -> Integer.valueOf(target).equals(published.published()))) {
						problems.add(name + ": " + variable + "=" + value + " but no service publishes " + target);
					}
				}
				else if (!services.containsKey(host)) {
					problems.add(name + ": " + variable + "=" + value + " names no compose service");
				}
				else if (!containerPorts(services.get(host)).contains(target)) {
					problems.add(name + ": " + variable + "=" + value + " but " + host + " listens on "
							+ containerPorts(services.get(host)));
				}
				else if (!dependsOn(service).containsKey(host)) {
					problems.add(name + ": " + variable + " uses " + host + " but does not depend on it");
				}
			});
		});
		Set<String> expected = Arrays.stream(LabService.values())
			.map(LabService::module)
			.collect(Collectors.toCollection(LinkedHashSet::new));
		expected.add(TOOLKIT_MODULE);
		if (!modules.equals(expected)) {
			problems.add("the built applications " + modules + " are not the lab's " + expected);
		}
		return problems;
	}

	static List<String> badTracing(Map<String, Object> compose, Path root) {
		List<String> problems = new ArrayList<>();
		services(compose).forEach((name, service) -> {
			if (!isLabApplication(service)) {
				return;
			}
			Map<String, String> env = environment(service);
			Object application = property(applicationYaml(root, buildArgs(service).get("MODULE")),
					"spring.application.name");
			expect(problems, name, env, "OTEL_SERVICE_NAME", String.valueOf(application));
			expect(problems, name, env, "OTEL_METRICS_EXPORTER", "none");
			expect(problems, name, env, "OTEL_LOGS_EXPORTER", "none");
			if (!env.getOrDefault("OTEL_RESOURCE_ATTRIBUTES", "").contains("deployment.environment=compose")) {
				problems.add(name + ": OTEL_RESOURCE_ATTRIBUTES lacks deployment.environment=compose");
			}
			String endpoint = env.getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "");
			String protocol = env.getOrDefault("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
			String expectedEndpoint = "grpc".equals(protocol) ? "http://jaeger:4317" : "http://jaeger:4318";
			if (!endpoint.equals(expectedEndpoint)) {
				problems.add(name + ": OTEL_EXPORTER_OTLP_ENDPOINT " + endpoint + " should be " + expectedEndpoint
						+ " for protocol " + protocol);
			}
			if (!env.getOrDefault("OTEL_TRACES_EXPORTER", "otlp").equals("otlp")) {
				problems.add(name + ": OTEL_TRACES_EXPORTER should be otlp");
			}
		});
		if (!services(compose).containsKey("jaeger")) {
			problems.add("no jaeger service");
		}
		else {
			Set<Integer> jaegerPorts = containerPorts(services(compose).get("jaeger"));
			if (!jaegerPorts.containsAll(List.of(16686, 4317, 4318))) {
				problems.add("jaeger should publish 16686, 4317 and 4318, has " + jaegerPorts);
			}
		}
		return problems;
	}

	static List<String> badPrometheus(Map<String, Object> config, Map<String, Object> compose, Path root) {
		List<String> problems = new ArrayList<>();
		Map<String, Map<String, Object>> services = services(compose);
		Map<String, Object> global = map(config, "global");
		for (String interval : List.of("scrape_interval", "evaluation_interval")) {
			if (!"5s".equals(global.get(interval))) {
				problems.add("global." + interval + " should be 5s, is " + global.get(interval));
			}
		}
		Map<String, Map<String, Object>> jobs = new LinkedHashMap<>();
		for (Object job : list(config, "scrape_configs")) {
			Map<String, Object> scrape = cast(job);
			if (jobs.put(String.valueOf(scrape.get("job_name")), scrape) != null) {
				problems.add("job " + scrape.get("job_name") + " appears twice");
			}
		}
		for (String job : List.of("prometheus", "alertmanager")) {
			if (!jobs.containsKey(job)) {
				problems.add("no scrape job " + job);
			}
		}
		services.forEach((name, service) -> {
			if (!isLabApplication(service)) {
				return;
			}
			Map<String, Object> app = applicationYaml(root, buildArgs(service).get("MODULE"));
			String application = String.valueOf(property(app, "spring.application.name"));
			Map<String, String> env = environment(service);
			String port = env.getOrDefault("SERVER_PORT", String.valueOf(property(app, "server.port")));
			Map<String, Object> job = jobs.get(application);
			if (job == null) {
				problems.add("no scrape job for application " + application);
				return;
			}
			if (!"/actuator/prometheus".equals(job.get("metrics_path"))) {
				problems.add("job " + application + ": metrics_path should be /actuator/prometheus");
			}
			if (!targets(job).equals(List.of(name + ":" + port))) {
				problems
					.add("job " + application + ": targets " + targets(job) + " should be [" + name + ":" + port + "]");
			}
		});
		jobs.forEach((job, scrape) -> {
			for (String target : targets(scrape)) {
				String host = target.substring(0, target.lastIndexOf(':'));
				if (!host.equals("localhost") && !services.containsKey(host)) {
					problems.add("job " + job + ": target " + target + " is no compose service");
				}
			}
		});
		List<String> alertmanagers = (config.get("alerting") instanceof Map<?, ?> alerting)
				? list(cast(alerting), "alertmanagers").stream().flatMap((am) -> targets(cast(am)).stream()).toList()
				: List.of();
		if (!alertmanagers.equals(List.of("alertmanager:9093")) || !services.containsKey("alertmanager")) {
			problems.add("alerting should go to alertmanager:9093, goes to " + alertmanagers);
		}
		if (!list(config, "rule_files").contains("/etc/prometheus/rules/*.yml")) {
			problems.add("rule_files should be [/etc/prometheus/rules/*.yml]");
		}
		Map<String, Object> server = services.get("prometheus");
		if (server == null) {
			problems.add("no prometheus service");
			return problems;
		}
		List<String> command = stringList(server.get("command"));
		Map<String, String> mounts = volumes(server).stream()
			.filter(Volume::isBind)
			.collect(Collectors.toMap(Volume::target, Volume::source, (a, b) -> a));
		String configFile = command.stream()
			.filter((arg) -> arg.startsWith("--config.file="))
			.map((arg) -> arg.substring("--config.file=".length()))
			.findFirst()
			.orElse("/etc/prometheus/prometheus.yml");
		if (!"observability/prometheus/prometheus-compose.yml".equals(relative(mounts.get(configFile)))) {
			problems.add("prometheus: " + configFile + " should be observability/prometheus/prometheus-compose.yml");
		}
		if (!"observability/prometheus/rules".equals(relative(mounts.get("/etc/prometheus/rules")))) {
			problems.add("prometheus: /etc/prometheus/rules should be observability/prometheus/rules");
		}
		if (!command.contains("--enable-feature=exemplar-storage")) {
			problems.add("prometheus: --enable-feature=exemplar-storage is missing");
		}
		if (globOf(root.resolve("observability/prometheus/rules"), "*.yml").isEmpty()) {
			problems.add("observability/prometheus/rules/ holds no *.yml rule file yet");
		}
		return problems;
	}

	static List<String> badGrafanaProvisioning(Map<String, Object> compose, Path root) {
		List<String> problems = new ArrayList<>();
		Map<String, Map<String, Object>> services = services(compose);
		Map<String, Object> grafana = services.get("grafana");
		if (grafana == null) {
			return List.of("no grafana service");
		}
		Map<String, String> mounts = volumes(grafana).stream()
			.filter(Volume::isBind)
			.collect(Collectors.toMap(Volume::target, Volume::source, (a, b) -> a));
		if (!"observability/grafana/provisioning".equals(relative(mounts.get("/etc/grafana/provisioning")))) {
			problems.add("grafana: /etc/grafana/provisioning should be observability/grafana/provisioning");
		}
		if (!mounts.values()
			.stream()
			.map(ComposeFileTest::relative)
			.toList()
			.contains("observability/grafana/dashboards")) {
			problems.add("grafana: observability/grafana/dashboards is not mounted");
		}
		Path provisioning = root.resolve("observability/grafana/provisioning");
		for (Path file : globOf(provisioning.resolve("dashboards"), "*.{yml,yaml}")) {
			for (Object provider : list(yaml(read(file)), "providers")) {
				Object path = map(cast(provider), "options").get("path");
				if (path != null
						&& mounts.keySet().stream().noneMatch((target) -> String.valueOf(path).startsWith(target))) {
					problems.add(file.getFileName() + ": dashboard path " + path + " is not mounted; mounts are "
							+ mounts.keySet());
				}
			}
		}
		for (Path file : globOf(provisioning.resolve("datasources"), "*.{yml,yaml}")) {
			for (Object datasource : list(yaml(read(file)), "datasources")) {
				Object url = asMap(datasource).get("url");
				if (url == null) {
					continue;
				}
				URI uri = URI.create(String.valueOf(url));
				if (!services.containsKey(uri.getHost())
						|| !containerPorts(services.get(uri.getHost())).contains(uri.getPort())) {
					problems.add(file.getFileName() + ": datasource url " + url + " is no compose service port");
				}
			}
		}
		return problems;
	}

	static List<String> badDockerfile(String dockerfile, Map<String, Object> compose, Path root) {
		List<String> problems = new ArrayList<>();
		List<String> instructions = instructions(dockerfile);
		List<String> froms = instructions.stream().filter((line) -> line.startsWith("FROM ")).toList();
		if (froms.size() < 2) {
			problems.add("Dockerfile should be multi-stage");
		}
		if (!froms.isEmpty() && !froms.get(froms.size() - 1).matches("FROM eclipse-temurin:17[.0-9_]*-jre\\b.*")) {
			problems.add("runtime stage should be an eclipse-temurin 17 JRE: " + froms.get(froms.size() - 1));
		}
		String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
		List<String> users = instructions(runtime).stream().filter((line) -> line.startsWith("USER ")).toList();
		if (users.isEmpty() || users.get(users.size() - 1).matches("USER (root|0)(:.*)?")) {
			problems.add("runtime stage should run as a non-root USER");
		}
		for (String needed : List.of("ARG MODULE", "-pl \"${MODULE}\" -am package", "ARTIFACT=\"${MODULE##*/}\"",
				"${MODULE}/target/${ARTIFACT}.jar", "io.opentelemetry.javaagent:opentelemetry-javaagent:",
				"ARG OTEL_AGENT_VERSION=" + agentVersion(root))) {
			if (!dockerfile.contains(needed)) {
				problems.add("Dockerfile lacks " + needed);
			}
		}
		// the Dockerfile names the jar after the module path's last element
		services(compose).forEach((name, service) -> {
			String module = buildArgs(service).get("MODULE");
			if (module != null && Files.isRegularFile(root.resolve(module).resolve("pom.xml"))) {
				String jar = jarName(root, module);
				String expected = module.substring(module.lastIndexOf('/') + 1) + ".jar";
				if (!expected.equals(jar)) {
					problems.add(name + ": " + module + " builds " + jar + ", the Dockerfile extracts " + expected);
				}
			}
		});
		if (!runtime.contains("MaxRAMPercentage") && !runtime.contains("-Xmx")) {
			problems.add("runtime stage should size the heap for the container (MaxRAMPercentage or -Xmx)");
		}
		List<String> ignored = read(root.resolve(".dockerignore")).lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
		for (String line : instructions) {
			if (!line.startsWith("COPY ") || line.contains("--from=")) {
				continue;
			}
			List<String> words = Arrays.stream(line.split("\\s+")).skip(1).filter((w) -> !w.startsWith("--")).toList();
			for (String source : words.subList(0, words.size() - 1)) {
				String path = source.replaceAll("/$", "");
				if (!Files.exists(root.resolve(path))) {
					problems.add("COPY source " + source + " does not exist");
				}
				if (ignored.stream().anyMatch((pattern) -> path.equals(pattern) || path.startsWith(pattern + "/"))) {
					problems.add("COPY source " + source + " is excluded by .dockerignore");
				}
			}
		}
		// the application health checks call curl, so the runtime image must have it
		boolean curlChecks = services(compose).values()
			.stream()
			.filter((service) -> service.containsKey("build"))
			.anyMatch((service) -> healthTest(service).contains("curl"));
		if (curlChecks && !Pattern.compile("apt-get install[^\\n]*\\n?[^\\n]*\\bcurl\\b").matcher(runtime).find()) {
			problems.add("health checks use curl but the runtime stage does not install it");
		}
		return problems;
	}

	static List<String> badToolkit(Map<String, Object> raw, Map<String, Object> alertmanager, Path root) {
		List<String> problems = new ArrayList<>();
		Map<String, Map<String, Object>> services = services(interpolate(raw));
		String name = services.keySet()
			.stream()
			.filter((candidate) -> TOOLKIT_MODULE.equals(buildArgs(services.get(candidate)).get("MODULE")))
			.findFirst()
			.orElse(null);
		if (name == null) {
			return List.of("no service is built from " + TOOLKIT_MODULE);
		}
		Map<String, Object> service = services.get(name);
		Map<String, String> env = environment(service);
		// as written, with the variables: the links must follow a moved host port
		Map<String, String> written = environment(service(raw, name));
		int port = serverPort(root, service);
		// its calls to the services and to Jaeger are not the lab's traffic
		if (!"false".equalsIgnoreCase(env.get("OTEL_JAVAAGENT_ENABLED"))) {
			problems
				.add(name + ": OTEL_JAVAAGENT_ENABLED should be \"false\", is " + env.get("OTEL_JAVAAGENT_ENABLED"));
		}
		if (!env.containsKey("LAB_ADMIN_TOKEN")) {
			problems.add(name + ": LAB_ADMIN_TOKEN is not passed on; the services' profiler needs it");
		}
		// the applications its application.yml names, each by its own name, at the port
		// its container listens on
		Map<String, Object> json = applicationJson(env);
		if (env.containsKey("SPRING_APPLICATION_JSON") && json.isEmpty()) {
			problems.add(name + ": SPRING_APPLICATION_JSON is not a JSON object");
		}
		Map<String, String> profiled = stringMap(property(json, "toolkit.services"));
		Set<String> expected = stringMap(property(applicationYaml(root, TOOLKIT_MODULE), "toolkit.services")).keySet();
		if (!profiled.keySet().equals(expected)) {
			problems.add(name + ": SPRING_APPLICATION_JSON toolkit.services names " + profiled.keySet()
					+ ", its application.yml " + expected);
		}
		profiled.forEach((application, url) -> {
			Map<String, Object> target = services.get(application);
			String reachable = (target != null) ? "http://" + application + ":" + serverPort(root, target) : null;
			if (!url.equals(reachable)) {
				problems.add(name + ": toolkit.services." + application + " is " + url + ", should be "
						+ ((reachable != null) ? reachable : "a compose service"));
			}
		});
		expect(problems, name, env, "TOOLKIT_PROMETHEUS", "http://prometheus:" + PROMETHEUS_PORT);
		expect(problems, name, env, "TOOLKIT_TRACES_BACKEND", "jaeger");
		expect(problems, name, env, "TOOLKIT_TRACES_URL", "http://jaeger:" + JAEGER_QUERY_PORT);
		if (services.containsKey("jaeger")) {
			expectPublicUrl(problems, name, written, "TOOLKIT_TRACES_PUBLIC_URL",
					publishedPort(service(raw, "jaeger"), JAEGER_QUERY_PORT));
		}
		expectPublicUrl(problems, name, written, "TOOLKIT_REPORTS_PUBLIC_URL", publishedPort(service(raw, name), port));
		// reports outlive the container; the flags are the lab's, as every application
		// reads them
		Map<String, Volume> mounts = volumes(service).stream()
			.collect(Collectors.toMap(Volume::target, (volume) -> volume, (a, b) -> a));
		Volume reports = mounts.get(env.get("TOOLKIT_REPORTS_DIRECTORY"));
		if (reports == null || reports.isBind()) {
			problems.add(name + ": TOOLKIT_REPORTS_DIRECTORY " + env.get("TOOLKIT_REPORTS_DIRECTORY")
					+ " should be a named volume");
		}
		String flags = env.getOrDefault("LAB_FLAGS_PATH", "");
		Volume flagsMount = mounts.get(flags.contains("/") ? flags.substring(0, flags.lastIndexOf('/')) : flags);
		if (flagsMount == null || !"flags".equals(relative(flagsMount.source()))) {
			problems.add(name + ": LAB_FLAGS_PATH " + flags + " is not in the mounted ./flags");
		}
		// the documents link to each other across the whole tree; the toolkit only reads
		Volume docs = mounts.get(env.get("TOOLKIT_DOCS_DIRECTORY"));
		if (docs == null || !docs.isBind() || !Set.of(".", "").contains(relative(docs.source())) || !docs.readOnly()) {
			problems.add(name + ": TOOLKIT_DOCS_DIRECTORY " + env.get("TOOLKIT_DOCS_DIRECTORY")
					+ " should be the repository (.) mounted read-only");
		}
		// Alertmanager, configured with alertmanager-compose.yml, posts to the toolkit
		Map<String, Object> server = services.get("alertmanager");
		String configFile = (server == null) ? null
				: stringList(server.get("command")).stream()
					.filter((arg) -> arg.startsWith("--config.file="))
					.map((arg) -> arg.substring("--config.file=".length()))
					.findFirst()
					.orElse("/etc/alertmanager/alertmanager.yml");
		if (server == null || volumes(server).stream()
			.noneMatch((volume) -> volume.target().equals(configFile)
					&& "observability/alertmanager/alertmanager-compose.yml".equals(relative(volume.source())))) {
			problems
				.add("alertmanager: its configuration should be observability/alertmanager/alertmanager-compose.yml");
		}
		List<String> webhooks = list(alertmanager, "receivers").stream()
			.flatMap((receiver) -> list(asMap(receiver), "webhook_configs").stream())
			.map((webhook) -> String.valueOf(asMap(webhook).get("url")))
			.toList();
		if (webhooks.isEmpty()) {
			problems.add("alertmanager-compose.yml has no webhook");
		}
		for (String webhook : webhooks) {
			URI uri = URI.create(webhook);
			if (!name.equals(uri.getHost()) || uri.getPort() != port) {
				problems.add(
						"alertmanager-compose.yml: webhook " + webhook + " is not the toolkit at " + name + ":" + port);
			}
		}
		return problems;
	}

	/**
	 * The alerts' {@code runbook_url} is {@code docs_url} (an external label of
	 * prometheus-compose.yml) followed by the runbook's path: it must be the toolkit's
	 * {@code /docs} at the host port it is published on, the same variable included, so
	 * that moving the port moves the links. Prometheus 3 fills in {@code ${VAR}} in
	 * external labels from its environment.
	 */
	static List<String> badDocsUrl(Map<String, Object> raw, Map<String, Object> prometheusConfig) {
		List<String> problems = new ArrayList<>();
		Object labels = map(prometheusConfig, "global").get("external_labels");
		Object docsUrl = (labels instanceof Map<?, ?> map) ? map.get("docs_url") : null;
		if (docsUrl == null) {
			return List.of("prometheus-compose.yml: no external label docs_url, which the alerts' runbook_url needs");
		}
		Map<String, String> env = environment(service(raw, "prometheus"));
		Matcher variables = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)")
			.matcher(String.valueOf(docsUrl));
		StringBuilder expanded = new StringBuilder();
		while (variables.find()) {
			String variable = (variables.group(1) != null) ? variables.group(1) : variables.group(2);
			if (!env.containsKey(variable)) {
				problems.add("prometheus-compose.yml: docs_url uses " + variable
						+ ", which docker-compose.yml does not set for prometheus");
			}
			variables.appendReplacement(expanded, Matcher.quoteReplacement(env.getOrDefault(variable, "")));
		}
		variables.appendTail(expanded);
		String toolkit = services(raw).keySet()
			.stream()
			.filter((candidate) -> TOOLKIT_MODULE.equals(buildArgs(service(raw, candidate)).get("MODULE")))
			.findFirst()
			.orElse(null);
		if (toolkit == null) {
			problems.add("no service is built from " + TOOLKIT_MODULE);
			return problems;
		}
		int port = serverPort(REPOSITORY, services(interpolate(raw)).get(toolkit));
		String published = publishedPort(service(raw, toolkit), port);
		String expected = "http://localhost:" + published + "/docs";
		if (!expanded.toString()
			.matches("http://(localhost|127\\.0\\.0\\.1):" + Pattern.quote(String.valueOf(published)) + "/docs")) {
			problems.add("prometheus-compose.yml: docs_url " + docsUrl + " is " + expanded
					+ " under compose, should be " + expected);
		}
		return problems;
	}

	// the agent version the root POM pins for the local lab, so both labs run the same
	// agent
	static String agentVersion(Path root) {
		Matcher version = Pattern.compile("<opentelemetry-javaagent.version>([^<]+)</")
			.matcher(read(root.resolve("pom.xml")));
		return version.find() ? version.group(1).strip() : "2.33.1";
	}

	/**
	 * The name of the jar a module builds: its {@code finalName}, where every module of
	 * the lab writes {@code ${project.artifactId}}.
	 */
	static String jarName(Path root, String module) {
		String pom = read(root.resolve(module).resolve("pom.xml")).replaceAll("(?s)<!--.*?-->", "");
		String own = pom.replaceFirst("(?s)<parent>.*?</parent>", "");
		Matcher artifactId = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(own);
		Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(own);
		String artifact = artifactId.find() ? artifactId.group(1).strip() : "";
		String name = finalName.find() ? finalName.group(1).strip() : "${project.artifactId}-${project.version}";
		return name.replace("${project.artifactId}", artifact) + ".jar";
	}

	// compose model

	record Port(Integer published, int target, String protocol) {
	}

	record Volume(String source, String target, boolean readOnly) {

		boolean isBind() {
			return this.source.startsWith(".") || this.source.startsWith("/") || this.source.startsWith("~");
		}

	}

	/**
	 * @return the compose file as written, {@code ${...}} not yet resolved
	 */
	static Map<String, Object> rawCompose() {
		return yaml(read(REPOSITORY.resolve("docker-compose.yml")));
	}

	static Map<String, Map<String, Object>> services(Map<String, Object> compose) {
		Map<String, Map<String, Object>> services = new LinkedHashMap<>();
		map(compose, "services").forEach((name, service) -> services.put(name, cast(service)));
		return services;
	}

	static Map<String, Object> service(Map<String, Object> compose, String name) {
		Map<String, Object> service = cast(map(compose, "services").get(name));
		assertThat(service).as("service " + name).isNotNull();
		return service;
	}

	static List<Port> ports(Map<String, Object> service) {
		List<Port> ports = new ArrayList<>();
		for (Object entry : list(service, "ports")) {
			if (entry instanceof Map<?, ?> port) {
				Object published = port.get("published");
				ports.add(new Port((published != null) ? Integer.valueOf(String.valueOf(published)) : null,
						Integer.parseInt(String.valueOf(port.get("target"))),
						String.valueOf(port.get("protocol") != null ? port.get("protocol") : "tcp")));
				continue;
			}
			String spec = String.valueOf(entry);
			String protocol = "tcp";
			int slash = spec.indexOf('/');
			if (slash >= 0) {
				protocol = spec.substring(slash + 1);
				spec = spec.substring(0, slash);
			}
			String[] parts = spec.split(":");
			int target = Integer.parseInt(parts[parts.length - 1]);
			Integer published = (parts.length >= 2) ? Integer.valueOf(parts[parts.length - 2]) : null;
			ports.add(new Port(published, target, protocol));
		}
		return ports;
	}

	static Set<Integer> containerPorts(Map<String, Object> service) {
		Set<Integer> ports = ports(service).stream()
			.map(Port::target)
			.collect(Collectors.toCollection(LinkedHashSet::new));
		list(service, "expose").forEach((port) -> ports.add(Integer.valueOf(String.valueOf(port).split("/")[0])));
		return ports;
	}

	static List<Volume> volumes(Map<String, Object> service) {
		List<Volume> volumes = new ArrayList<>();
		for (Object entry : list(service, "volumes")) {
			if (entry instanceof Map<?, ?> volume) {
				volumes.add(new Volume(String.valueOf(volume.get("source")), String.valueOf(volume.get("target")),
						Boolean.TRUE.equals(volume.get("read_only"))));
				continue;
			}
			String[] parts = String.valueOf(entry).split(":");
			if (parts.length >= 2) {
				volumes.add(new Volume(parts[0], parts[1],
						parts.length >= 3 && Arrays.asList(parts[2].split(",")).contains("ro")));
			}
		}
		return volumes;
	}

	/**
	 * The service's environment as a map (compose allows a map or a list of
	 * {@code KEY=value}); the service holds the returned map afterwards, so editing it
	 * edits the service.
	 */
	static Map<String, String> environment(Map<String, Object> service) {
		Object environment = service.get("environment");
		Map<String, String> env = new LinkedHashMap<>();
		if (environment instanceof Map<?, ?> entries) {
			entries.forEach((key, value) -> env.put(String.valueOf(key), (value != null) ? String.valueOf(value) : ""));
		}
		else if (environment instanceof List<?> entries) {
			for (Object entry : entries) {
				String[] parts = String.valueOf(entry).split("=", 2);
				env.put(parts[0], (parts.length > 1) ? parts[1] : "");
			}
		}
		service.put("environment", env);
		return env;
	}

	/**
	 * @return whether the service is one of the lab's applications (not the toolkit):
	 * traced and scraped
	 */
	static boolean isLabApplication(Map<String, Object> service) {
		String module = buildArgs(service).get("MODULE");
		return service.containsKey("build")
				&& Arrays.stream(LabService.values()).anyMatch((application) -> application.module().equals(module));
	}

	static int serverPort(Path root, Map<String, Object> service) {
		Map<String, Object> config = applicationYaml(root, buildArgs(service).get("MODULE"));
		return Integer.parseInt(
				environment(service).getOrDefault("SERVER_PORT", String.valueOf(property(config, "server.port"))));
	}

	/**
	 * The host port a service publishes for a container port, as written in the compose
	 * file: {@code ${LAB_JAEGER_UI_PORT:-16686}} or a number; {@code null} if none.
	 */
	static String publishedPort(Map<String, Object> rawService, int target) {
		Pattern mapping = Pattern.compile("(\\$\\{[^}]*}|\\d+):" + target + "(?:/tcp)?$");
		for (Object entry : list(rawService, "ports")) {
			Matcher matcher = mapping.matcher(String.valueOf(entry));
			if (matcher.find()) {
				return matcher.group(1);
			}
		}
		return null;
	}

	static Map<String, String> dependsOn(Map<String, Object> service) {
		Map<String, String> dependencies = new TreeMap<>();
		Object dependsOn = service.get("depends_on");
		if (dependsOn instanceof List<?> names) {
			names.forEach((name) -> dependencies.put(String.valueOf(name), "service_started"));
		}
		else if (dependsOn instanceof Map<?, ?> entries) {
			entries.forEach((name, spec) -> dependencies.put(String.valueOf(name),
					(spec instanceof Map<?, ?> m && m.get("condition") != null) ? String.valueOf(m.get("condition"))
							: "service_started"));
		}
		return dependencies;
	}

	static boolean hasHealthCheck(Map<String, Object> service) {
		if (!(service.get("healthcheck") instanceof Map<?, ?> healthcheck)
				|| Boolean.TRUE.equals(healthcheck.get("disable"))) {
			return false;
		}
		List<String> test = healthTest(service);
		return !test.isEmpty() && !test.get(0).equals("NONE") && test.size() > 1;
	}

	static List<String> healthTest(Map<String, Object> service) {
		if (!(service.get("healthcheck") instanceof Map<?, ?> healthcheck)) {
			return List.of();
		}
		Object test = healthcheck.get("test");
		if (test instanceof String command) {
			return List.of("CMD-SHELL", command);
		}
		return stringList(test);
	}

	static long memoryLimit(Map<String, Object> service) {
		Object limit = service.get("mem_limit");
		if (limit == null && service.get("deploy") instanceof Map<?, ?> deploy
				&& deploy.get("resources") instanceof Map<?, ?> resources
				&& resources.get("limits") instanceof Map<?, ?> limits) {
			limit = limits.get("memory");
		}
		if (limit == null) {
			return 0;
		}
		Matcher size = Pattern.compile("(\\d+)\\s*([bkmg]?)b?").matcher(String.valueOf(limit).toLowerCase(Locale.ROOT));
		if (!size.matches()) {
			return 0;
		}
		long factor = switch (size.group(2)) {
			case "k" -> 1L << 10;
			case "m" -> 1L << 20;
			case "g" -> 1L << 30;
			default -> 1L;
		};
		return Long.parseLong(size.group(1)) * factor;
	}

	static String buildContext(Map<String, Object> service) {
		Object build = service.get("build");
		return (build instanceof Map<?, ?> spec)
				? String.valueOf(spec.get("context") != null ? spec.get("context") : ".") : String.valueOf(build);
	}

	static String buildDockerfile(Map<String, Object> service) {
		Object build = service.get("build");
		return (build instanceof Map<?, ?> spec && spec.get("dockerfile") != null)
				? String.valueOf(spec.get("dockerfile")) : "Dockerfile";
	}

	static Map<String, String> buildArgs(Map<String, Object> service) {
		Map<String, String> args = new LinkedHashMap<>();
		if (service.get("build") instanceof Map<?, ?> build) {
			Object raw = build.get("args");
			if (raw instanceof Map<?, ?> entries) {
				entries.forEach((key, value) -> args.put(String.valueOf(key), String.valueOf(value)));
			}
			else if (raw instanceof List<?> entries) {
				entries.forEach((entry) -> {
					String[] parts = String.valueOf(entry).split("=", 2);
					args.put(parts[0], (parts.length > 1) ? parts[1] : null);
				});
			}
		}
		return args;
	}

	private static List<String> cycleFrom(String name, Map<String, Map<String, Object>> services, List<String> path) {
		if (path.contains(name)) {
			List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
			cycle.add(name);
			return cycle;
		}
		Map<String, Object> service = services.get(name);
		if (service == null) {
			return null;
		}
		path.add(name);
		for (String dependency : dependsOn(service).keySet()) {
			List<String> cycle = cycleFrom(dependency, services, path);
			if (cycle != null) {
				return cycle;
			}
		}
		path.remove(path.size() - 1);
		return null;
	}

	// application.yml and Spring's relaxed binding

	static Map<String, Object> applicationYaml(Path root, String module) {
		Path file = root.resolve(module).resolve("src/main/resources/application.yml");
		Map<String, Object> merged = new LinkedHashMap<>();
		for (Object document : yamlLoader().loadAll(read(file))) {
			if (document instanceof Map<?, ?> map && property(cast(map), "spring.config.activate.on-profile") == null) {
				merged.putAll(cast(map));
			}
		}
		return merged;
	}

	static Object property(Map<String, Object> config, String key) {
		Object value = config;
		for (String part : key.split("\\.")) {
			if (!(value instanceof Map<?, ?> map)) {
				return null;
			}
			value = map.get(part);
		}
		return value;
	}

	static Map<String, String> flatten(String prefix, Map<String, Object> config) {
		Map<String, String> flat = new LinkedHashMap<>();
		config.forEach((key, value) -> {
			String name = prefix.isEmpty() ? key : prefix + "." + key;
			if (value instanceof Map<?, ?> nested) {
				flat.putAll(flatten(name, cast(nested)));
			}
			else if (value != null && !(value instanceof List<?>)) {
				flat.put(name, String.valueOf(value));
			}
		});
		return flat;
	}

	static String environmentName(String key) {
		return key.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
	}

	private static boolean overridden(String key, Map<String, String> env) {
		String legacy = key.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT);
		return env.containsKey(environmentName(key)) || env.containsKey(legacy);
	}

	/**
	 * A link for the host's browser: localhost at the host port as published, the same
	 * variable included, so that moving the port moves the link.
	 */
	private static void expectPublicUrl(List<String> problems, String service, Map<String, String> written,
			String variable, String publishedPort) {
		String value = written.get(variable);
		if (publishedPort == null) {
			problems.add(service + ": " + variable + " links to a port that is not published");
		}
		else if (value == null
				|| !value.matches("http://(localhost|127\\.0\\.0\\.1):" + Pattern.quote(publishedPort) + "(/.*)?")) {
			problems.add(service + ": " + variable + " is " + value + ", should be http://localhost:" + publishedPort);
		}
	}

	/**
	 * {@code SPRING_APPLICATION_JSON}: properties that Spring reads as JSON, before the
	 * other environment variables; empty if unset or not a JSON object.
	 */
	static Map<String, Object> applicationJson(Map<String, String> env) {
		String json = env.get("SPRING_APPLICATION_JSON");
		if (json == null || json.isBlank()) {
			return Map.of();
		}
		try {
			return (JsonMapper.builder().build().readValue(json, Object.class) instanceof Map<?, ?> map) ? cast(map)
					: Map.of();
		}
		catch (JacksonException ex) {
			return Map.of();
		}
	}

	private static void expect(List<String> problems, String service, Map<String, String> env, String variable,
			String expected) {
		if (!expected.equals(env.get(variable))) {
			problems.add(service + ": " + variable + " is " + env.get(variable) + ", should be " + expected);
		}
	}

	// YAML, files, interpolation

	private static Yaml yamlLoader() {
		LoaderOptions options = new LoaderOptions();
		// compose rejects a key given twice; so do we
		options.setAllowDuplicateKeys(false);
		return new Yaml(new SafeConstructor(options));
	}

	static Map<String, Object> yaml(String text) {
		Object document = yamlLoader().load(text);
		assertThat(document).as("a YAML mapping").isInstanceOf(Map.class);
		return cast(document);
	}

	/**
	 * Resolves {@code ${NAME:-default}} to its default, as compose does with no
	 * environment set, and {@code $$} to {@code $}.
	 */
	static Map<String, Object> interpolate(Map<String, Object> document) {
		return cast(interpolateValue(document));
	}

	private static Object interpolateValue(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> result = new LinkedHashMap<>();
			map.forEach((key, nested) -> result.put(String.valueOf(key), interpolateValue(nested)));
			return result;
		}
		if (value instanceof List<?> list) {
			List<Object> result = new ArrayList<>();
			list.forEach((nested) -> result.add(interpolateValue(nested)));
			return result;
		}
		if (value instanceof String text) {
			String escaped = text.replace("$$", "\u0000");
			Matcher matcher = VARIABLE.matcher(escaped);
			StringBuilder resolved = new StringBuilder();
			while (matcher.find()) {
				String fallback = (matcher.group(3) != null) ? matcher.group(3) : "";
				matcher.appendReplacement(resolved, Matcher.quoteReplacement(fallback));
			}
			matcher.appendTail(resolved);
			return resolved.toString().replace("\u0000", "$");
		}
		return value;
	}

	static Map<String, Object> copy(Map<String, Object> document) {
		return interpolate(document);
	}

	private static List<String> instructions(String dockerfile) {
		String joined = dockerfile.replaceAll("\\\\\\r?\\n", " ");
		return joined.lines().map(String::strip).filter((line) -> !line.isEmpty() && !line.startsWith("#")).toList();
	}

	private static List<String> targets(Map<String, Object> job) {
		return list(job, "static_configs").stream()
			.flatMap((config) -> stringList(asMap(config).get("targets")).stream())
			.toList();
	}

	private static List<Path> globOf(Path directory, String glob) {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, glob)) {
			stream.forEach(files::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return files;
	}

	private static String relative(String source) {
		if (source == null) {
			return null;
		}
		return source.replaceFirst("^\\./", "").replaceAll("/$", "");
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

	static Map<String, Object> map(Map<String, Object> parent, String key) {
		Object value = parent.get(key);
		if (value == null) {
			Map<String, Object> created = new LinkedHashMap<>();
			parent.put(key, created);
			return created;
		}
		return cast(value);
	}

	static List<Object> list(Map<String, Object> parent, String key) {
		Object value = parent.get(key);
		if (value == null) {
			return new ArrayList<>();
		}
		if (!(value instanceof List<?>)) {
			return new ArrayList<>();
		}
		return cast(value);
	}

	private static List<String> stringList(Object value) {
		if (!(value instanceof List<?> list)) {
			return (value != null) ? List.of(String.valueOf(value)) : List.of();
		}
		return list.stream().map(String::valueOf).toList();
	}

	private static Map<String, String> stringMap(Object value) {
		return (value instanceof Map<?, ?> map) ? flatten("", cast(map)) : Map.of();
	}

	private static Map<String, Object> asMap(Object value) {
		return cast(value);
	}

	@SuppressWarnings("unchecked")
	private static <T> T cast(Object value) {
		return (T) value;
	}

}
