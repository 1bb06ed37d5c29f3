package dev.latencylab.checks.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.latencylab.checks.LabRepository;
import dev.latencylab.checks.compose.rules.AlertmanagerPostsToToolkit;
import dev.latencylab.checks.compose.rules.BindMountSourcesExist;
import dev.latencylab.checks.compose.rules.BuildIsAMavenModule;
import dev.latencylab.checks.compose.rules.BuiltApplicationsAreTheLab;
import dev.latencylab.checks.compose.rules.ComposeRules;
import dev.latencylab.checks.compose.rules.DependsOnKnownServices;
import dev.latencylab.checks.compose.rules.DependsOnWaitsForHealthy;
import dev.latencylab.checks.compose.rules.DependsOnWithoutCycles;
import dev.latencylab.checks.compose.rules.DockerfileBuildsTheModule;
import dev.latencylab.checks.compose.rules.DockerfileCopiesWhatExists;
import dev.latencylab.checks.compose.rules.DockerfileRuntimeStage;
import dev.latencylab.checks.compose.rules.DocsUrlFollowsToolkitPort;
import dev.latencylab.checks.compose.rules.GrafanaDatasourcesAreServices;
import dev.latencylab.checks.compose.rules.GrafanaProvisioningMounted;
import dev.latencylab.checks.compose.rules.HealthcheckAsksActuator;
import dev.latencylab.checks.compose.rules.HealthcheckOnEveryService;
import dev.latencylab.checks.compose.rules.HealthcheckToolsInstalled;
import dev.latencylab.checks.compose.rules.ImageOrBuild;
import dev.latencylab.checks.compose.rules.ImagesPinned;
import dev.latencylab.checks.compose.rules.JaegerReceivesTraces;
import dev.latencylab.checks.compose.rules.KnownTopLevelKeys;
import dev.latencylab.checks.compose.rules.LoopbackSettingsOverridden;
import dev.latencylab.checks.compose.rules.MemoryLimitOnEveryService;
import dev.latencylab.checks.compose.rules.NamedVolumesDeclared;
import dev.latencylab.checks.compose.rules.PrometheusAlertsThroughAlertmanager;
import dev.latencylab.checks.compose.rules.PrometheusMountsItsConfig;
import dev.latencylab.checks.compose.rules.PrometheusScrapesEveryApplication;
import dev.latencylab.checks.compose.rules.PublishedPortsUnique;
import dev.latencylab.checks.compose.rules.ServerAddressReachable;
import dev.latencylab.checks.compose.rules.ServerPortPublished;
import dev.latencylab.checks.compose.rules.ServicesDeclared;
import dev.latencylab.checks.compose.rules.ToolkitLinksToPublishedPorts;
import dev.latencylab.checks.compose.rules.ToolkitMounts;
import dev.latencylab.checks.compose.rules.ToolkitReachesTheLab;
import dev.latencylab.checks.compose.rules.ToolkitUntraced;
import dev.latencylab.checks.compose.rules.TracesToJaeger;
import dev.latencylab.checks.compose.rules.UrlsReachDependencies;
import dev.latencylab.checks.compose.rules.VariablesHaveDefaults;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks {@code docker-compose.yml}, {@code docker/Dockerfile},
 * {@code observability/prometheus/prometheus-compose.yml} and
 * {@code observability/alertmanager/alertmanager-compose.yml} without a Docker engine:
 * the files they reference exist, ports are unique, every container has a health check
 * and a memory limit, start-up order waits for health, and every application is
 * configured the way the local lab configures it (lab-runner's {@code LocalLab}), with
 * the OpenTelemetry agent pointed at Jaeger. The diagnosis toolkit is built like the
 * applications but is not traced: it reaches every application, Prometheus and Jaeger,
 * receives Alertmanager's webhooks and serves the repository's documents, where the
 * alerts' {@code runbook_url} (built from Prometheus's external label {@code docs_url})
 * leads a browser on the host.
 * <p>
 * Each check is a group of {@link ComposeRule}s; the tests at the end break a copy of the
 * real files on purpose and check that the rules notice. {@code ComposeRulesTest} shows
 * each rule rejecting a small bad snippet.
 */
class ComposeFileTest {

	private static final List<ComposeRule> WELL_FORMED = List.of(new KnownTopLevelKeys(), new ServicesDeclared(),
			new ImageOrBuild(), new ImagesPinned(), new VariablesHaveDefaults());

	private static final List<ComposeRule> FILES = List.of(new BindMountSourcesExist(), new NamedVolumesDeclared(),
			new BuildIsAMavenModule());

	private static final List<ComposeRule> DEPENDENCIES = List.of(new DependsOnKnownServices(),
			new DependsOnWaitsForHealthy(), new DependsOnWithoutCycles());

	private static final List<ComposeRule> APPLICATIONS = List.of(new ServerPortPublished(),
			new HealthcheckAsksActuator(), new ServerAddressReachable(), new LoopbackSettingsOverridden(),
			new UrlsReachDependencies(), new BuiltApplicationsAreTheLab());

	private static final List<ComposeRule> TRACING = List.of(new TracesToJaeger(), new JaegerReceivesTraces());

	private static final List<ComposeRule> PROMETHEUS = List.of(new PrometheusScrapesEveryApplication(),
			new PrometheusAlertsThroughAlertmanager(), new PrometheusMountsItsConfig());

	private static final List<ComposeRule> GRAFANA = List.of(new GrafanaProvisioningMounted(),
			new GrafanaDatasourcesAreServices());

	private static final List<ComposeRule> DOCKERFILE = List.of(new DockerfileRuntimeStage(),
			new DockerfileBuildsTheModule(), new DockerfileCopiesWhatExists(), new HealthcheckToolsInstalled());

	private static final List<ComposeRule> TOOLKIT = List.of(new ToolkitUntraced(), new ToolkitReachesTheLab(),
			new ToolkitLinksToPublishedPorts(), new ToolkitMounts(), new AlertmanagerPostsToToolkit());

	private static LabFiles lab;

	private static ComposeFile compose;

	@BeforeAll
	static void load() {
		lab = LabFiles.read(LabRepository.root());
		compose = ComposeFile.read(lab);
	}

	@Test
	void composeFileShouldBeWellFormed() {
		List<String> problems = problems(compose, WELL_FORMED);

		assertThat(problems).isEmpty();
	}

	@Test
	void everyReferencedFileShouldExist() {
		List<String> problems = problems(compose, FILES);

		assertThat(problems).isEmpty();
	}

	@Test
	void publishedHostPortsShouldBeUnique() {
		List<String> problems = problems(compose, List.of(new PublishedPortsUnique()));

		assertThat(problems).isEmpty();
	}

	@Test
	void everyServiceShouldHaveAHealthCheckAndAMemoryLimit() {
		List<String> problems = problems(compose,
				List.of(new HealthcheckOnEveryService(), new MemoryLimitOnEveryService()));

		assertThat(problems).isEmpty();
	}

	@Test
	void dependenciesShouldExistAndBeWaitedForUntilHealthy() {
		List<String> problems = problems(compose, DEPENDENCIES);

		assertThat(problems).isEmpty();
	}

	@Test
	void everyApplicationShouldRunAsTheLocalLabRunsIt() {
		List<String> problems = problems(compose, APPLICATIONS);

		assertThat(problems).isEmpty();
	}

	@Test
	void everyApplicationShouldSendItsTracesToJaeger() {
		List<String> problems = problems(compose, TRACING);

		assertThat(problems).isEmpty();
	}

	@Test
	void prometheusShouldScrapeEveryApplicationAndAlertThroughAlertmanager() {
		List<String> problems = problems(compose, PROMETHEUS);

		assertThat(problems).isEmpty();
	}

	@Test
	void grafanaProvisioningShouldPointAtComposeServices() {
		List<String> problems = problems(compose, GRAFANA);

		assertThat(problems).isEmpty();
	}

	@Test
	void dockerfileShouldBuildEveryApplicationFromOneRecipe() {
		List<String> problems = problems(compose, DOCKERFILE);

		assertThat(problems).isEmpty();
	}

	@Test
	void toolkitShouldReachTheLabUntracedAndReceiveItsAlerts() {
		List<String> problems = problems(compose, TOOLKIT);

		assertThat(problems).isEmpty();
	}

	@Test
	void alertsShouldLinkToTheToolkitsDocumentsAsTheHostsBrowserReachesThem() {
		List<String> problems = problems(compose, List.of(new DocsUrlFollowsToolkitPort()));

		assertThat(problems).isEmpty();
	}

	// the rules bite: each broken copy is reported

	@Test
	void shouldReportAHostPortPublishedTwice() {
		Map<String, Object> broken = compose.written();
		list(service(broken, "grafana"), "ports").add("127.0.0.1:8080:3000");

		assertThat(problems(broken, List.of(new PublishedPortsUnique())))
			.anyMatch((problem) -> problem.contains("8080"));
	}

	@Test
	void shouldReportAServiceWithoutHealthCheckOrMemoryLimit() {
		Map<String, Object> broken = compose.written();
		service(broken, "fraud-service").remove("healthcheck");
		service(broken, "jaeger").remove("mem_limit");

		assertThat(problems(broken, List.of(new HealthcheckOnEveryService())))
			.anyMatch((problem) -> problem.contains("fraud-service"));
		assertThat(problems(broken, List.of(new MemoryLimitOnEveryService())))
			.anyMatch((problem) -> problem.contains("jaeger"));
	}

	@Test
	void shouldReportADependencyOnAnUnknownServiceOrNotWaitingForHealth() {
		Map<String, Object> broken = compose.written();
		Map<String, Object> dependsOn = map(service(broken, "gateway"), "depends_on");
		dependsOn.put("no-such-service", Map.of("condition", "service_started"));
		dependsOn.put("checkout-service", Map.of("condition", "service_started"));

		assertThat(problems(broken, DEPENDENCIES)).anyMatch((problem) -> problem.contains("no-such-service"))
			.anyMatch((problem) -> problem.contains("checkout-service") && problem.contains("service_healthy"));
	}

	@Test
	void shouldReportAMissingVolumeSource() {
		Map<String, Object> broken = compose.written();
		list(service(broken, "prometheus"), "volumes").add("./observability/no-such-file.yml:/etc/x.yml:ro");

		assertThat(problems(broken, FILES)).anyMatch((problem) -> problem.contains("no-such-file.yml"));
	}

	@Test
	void shouldReportAWrongServiceNameOrAnUnreachableDownstream() {
		Map<String, Object> broken = compose.written();
		environment(service(broken, "payment-service")).put("OTEL_SERVICE_NAME", "payments");
		environment(service(broken, "checkout-service")).put("CHECKOUT_DOWNSTREAM_FRAUD_BASE_URL",
				"http://fraud-service:9999");

		assertThat(problems(broken, TRACING)).anyMatch((problem) -> problem.contains("payments"));
		assertThat(problems(broken, APPLICATIONS)).anyMatch((problem) -> problem.contains("9999"));
	}

	@Test
	void shouldReportAToolkitThatProfilesTheWrongServicesOrMissesItsAlerts() {
		Map<String, Object> broken = compose.written();
		Map<String, String> env = environment(service(broken, "toolkit"));
		env.put("SPRING_APPLICATION_JSON", """
				{"toolkit":{"services":{"gateway":"http://gateway:8080",
				"checkout-service":"http://inventory-service:8082","fraud-service":"http://fraud-service:9999"}}}""");
		env.put("TOOLKIT_TRACES_PUBLIC_URL", "http://localhost:${LAB_JAEGER_PORT:-16686}");
		env.remove("OTEL_JAVAAGENT_ENABLED");
		Map<String, Object> brokenAlertmanager = Yamls.deepCopy(lab.alertmanager());
		Map<String, Object> receiver = cast(list(brokenAlertmanager, "receivers").get(0));
		Map<String, Object> webhook = cast(list(receiver, "webhook_configs").get(0));
		webhook.put("url", "http://toolkit:8080/api/alerts");
		ComposeFile brokenCompose = ComposeFile.of(broken, lab.withAlertmanager(brokenAlertmanager));

		assertThat(problems(brokenCompose, TOOLKIT))
			.anyMatch((problem) -> problem.contains("checkout-service") && problem.contains("inventory-service:8082"))
			.anyMatch((problem) -> problem.contains("payment-service") && problem.contains("gateway"))
			.anyMatch((problem) -> problem.contains("LAB_JAEGER_PORT"))
			.anyMatch((problem) -> problem.contains("OTEL_JAVAAGENT_ENABLED"))
			.anyMatch((problem) -> problem.contains("toolkit:8080"));
		assertThat(problems(brokenCompose, APPLICATIONS)).anyMatch((problem) -> problem.contains("fraud-service:9999"));
	}

	@Test
	void shouldReportAToolkitWithoutTheRepositoryOrAlertsLinkingElsewhere() {
		Map<String, Object> broken = compose.written();
		list(service(broken, "toolkit"), "volumes").removeIf((volume) -> String.valueOf(volume).startsWith(".:"));
		list(service(broken, "toolkit"), "volumes").add("./runbooks:/lab/repository");
		environment(service(broken, "prometheus")).remove("LAB_TOOLKIT_PORT");
		Map<String, Object> brokenPrometheus = Yamls.deepCopy(lab.prometheus());
		map(map(brokenPrometheus, "global"), "external_labels").put("docs_url", "http://toolkit:8090/docs");
		List<ComposeRule> docsUrl = List.of(new DocsUrlFollowsToolkitPort());

		assertThat(problems(broken, TOOLKIT)).anyMatch((problem) -> problem.contains("TOOLKIT_DOCS_DIRECTORY"));
		assertThat(problems(broken, docsUrl)).anyMatch((problem) -> problem.contains("LAB_TOOLKIT_PORT"));
		assertThat(problems(ComposeFile.of(compose.written(), lab.withPrometheus(brokenPrometheus)), docsUrl))
			.anyMatch((problem) -> problem.contains("http://toolkit:8090/docs"));
	}

	@Test
	void shouldReportAnApplicationPrometheusDoesNotScrape() {
		Map<String, Object> broken = Yamls.deepCopy(lab.prometheus());
		list(broken, "scrape_configs").removeIf((job) -> "fraud-service".equals(((Map<?, ?>) job).get("job_name")));

		assertThat(problems(ComposeFile.of(compose.written(), lab.withPrometheus(broken)), PROMETHEUS))
			.anyMatch((problem) -> problem.contains("fraud-service"));
	}

	private static List<String> problems(ComposeFile file, List<ComposeRule> rules) {
		return ComposeRules.check(file, rules).stream().map(Violation::toString).toList();
	}

	private static List<String> problems(Map<String, Object> written, List<ComposeRule> rules) {
		return problems(ComposeFile.of(written, lab), rules);
	}

	// editing a copy of a file as written

	private static Map<String, Object> service(Map<String, Object> compose, String name) {
		Map<String, Object> service = cast(map(compose, "services").get(name));
		assertThat(service).as("service " + name).isNotNull();
		return service;
	}

	/**
	 * The service's environment as a map (compose allows a map or a list of
	 * {@code KEY=value}); the service holds the returned map afterwards, so editing it
	 * edits the service.
	 */
	private static Map<String, String> environment(Map<String, Object> service) {
		Map<String, String> env = new LinkedHashMap<>(new Service("", service).environment());
		service.put("environment", env);
		return env;
	}

	private static Map<String, Object> map(Map<String, Object> parent, String key) {
		if (parent.get(key) == null) {
			parent.put(key, new LinkedHashMap<>());
		}
		return cast(parent.get(key));
	}

	private static List<Object> list(Map<String, Object> parent, String key) {
		if (!(parent.get(key) instanceof List<?>)) {
			parent.put(key, new ArrayList<>());
		}
		return cast(parent.get(key));
	}

	@SuppressWarnings("unchecked")
	private static <T> T cast(Object value) {
		return (T) value;
	}

}
