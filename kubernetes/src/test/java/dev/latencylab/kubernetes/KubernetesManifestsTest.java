package dev.latencylab.kubernetes;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests of kubernetes/, rendered by {@code kubectl kustomize} and checked against
 * docker-compose.yml, the modules' configuration and the repository's files; each check
 * also on a copy broken on purpose.
 */
class KubernetesManifestsTest {

	private static final Manifests BASE = Manifests.parse(Kustomize.render(Lab.KUBERNETES.resolve("base")));

	private static final Manifests CHAOS = Manifests.parse(Kustomize.render(Lab.KUBERNETES.resolve("chaos")));

	@Test
	void shouldRenderEveryDocumentIntoItsKubernetesType() {
		Set<String> kinds = BASE.resources()
			.stream()
			.map((resource) -> resource.getClass().getSimpleName() + " " + resource.getKind())
			.collect(Collectors.toSet());

		assertThat(kinds).containsOnly("Namespace Namespace", "Secret Secret", "ConfigMap ConfigMap", "Service Service",
				"StatefulSet StatefulSet", "Deployment Deployment", "PersistentVolumeClaim PersistentVolumeClaim",
				"ServiceMonitor ServiceMonitor", "PrometheusRule PrometheusRule",
				"AlertmanagerConfig AlertmanagerConfig", "GenericKubernetesResource Instrumentation");
		assertThat(BASE.all(Namespace.class)).extracting((n) -> n.getMetadata().getName())
			.containsExactly(Lab.NAMESPACE);
		assertThat(BASE.resources()).filteredOn((r) -> !(r instanceof Namespace))
			.allMatch((r) -> Lab.NAMESPACE.equals(r.getMetadata().getNamespace()));
		assertThat(CHAOS.resources()).extracting(HasMetadata::getKind)
			.containsExactlyInAnyOrder("PodChaos", "NetworkChaos", "NetworkChaos", "StressChaos");
		assertThat(ManifestChecks.unknownFields(BASE)).isEmpty();
		assertThat(ManifestChecks.customResources(BASE)).isEmpty();
		assertThat(ManifestChecks.customResources(CHAOS)).isEmpty();
	}

	@Test
	void shouldRunEveryPartOfTheLabThatComposeBuildsAndThePostgresAndJaegerItPulls() {
		assertThat(BASE.workloads().keySet()).containsExactlyInAnyOrder("postgres", "postgres-exporter", "jaeger",
				"inventory-service", "payment-service", "fraud-service", "checkout-service", "gateway", "toolkit");
		assertThat(BASE.find(StatefulSet.class, "postgres")).get()
			.satisfies((postgres) -> assertThat(postgres.getSpec().getVolumeClaimTemplates()).hasSize(1));
		assertThat(BASE.all(Deployment.class)).hasSize(8);
		assertThat(BASE.all(Service.class)).hasSize(9);
		assertThat(BASE.all(ServiceMonitor.class)).hasSize(6);
		assertThat(BASE.all(PrometheusRule.class)).hasSize(1);
		assertThat(BASE.all(AlertmanagerConfig.class)).hasSize(1);
		assertThat(BASE.all(PersistentVolumeClaim.class)).hasSize(1);
		assertThat(BASE.find(Secret.class, "lab-admin-token")).isPresent();
		assertThat(BASE.find(ConfigMap.class, "lab-flags")).isPresent();
	}

	@Test
	void shouldAgreeWithComposeAndTheApplicationsConfiguration() {
		assertThat(ManifestChecks.agreeWithCompose(BASE, Lab.COMPOSE)).isEmpty();
		assertThat(ManifestChecks.resources(BASE, Lab.COMPOSE)).isEmpty();
	}

	@Test
	void shouldWireSelectorsServicesScrapingAlertsAndFlags() {
		assertThat(ManifestChecks.selectorsAndServices(BASE)).isEmpty();
		assertThat(ManifestChecks.scraping(BASE, Lab.COMPOSE)).isEmpty();
		assertThat(ManifestChecks.alertsToToolkit(BASE, Lab.NAMESPACE, Lab.COMPOSE)).isEmpty();
		assertThat(ManifestChecks.flags(BASE, Lab.flags())).isEmpty();
		assertThat(ManifestChecks.chaosTargets(CHAOS, BASE, Lab.NAMESPACE)).isEmpty();
	}

	@Test
	void shouldInjectTheOperatorsAgentAndOnlyIt() {
		assertThat(ManifestChecks.agentInjection(BASE, Lab.COMPOSE, Lab.agentVersion())).isEmpty();
	}

	@Test
	void shouldNoticeAMisspeltField(@TempDir Path copy) {
		Manifests broken = BrokenCopy.render(Lab.KUBERNETES, copy, "base", "gateway.yaml", "containerPort: 8080",
				"containerPrt: 8080");

		assertThat(ManifestChecks.unknownFields(broken))
			.containsExactly("Deployment/gateway: ContainerPort has no field containerPrt");
	}

	@Test
	void shouldNoticeAChaosExperimentWithoutItsDelay(@TempDir Path copy) {
		Manifests broken = BrokenCopy.render(Lab.KUBERNETES, copy, "chaos", "payment-slow-network.yaml",
				"    latency: 300ms\n", "");

		assertThat(ManifestChecks.customResources(broken))
			.containsExactly("NetworkChaos/payment-slow-network: no spec.delay.latency");
	}

	@Test
	void shouldNoticeAChaosExperimentThatSelectsNothing(@TempDir Path copy) {
		Manifests broken = BrokenCopy.render(Lab.KUBERNETES, copy, "chaos", "payment-service-kill.yaml",
				"app.kubernetes.io/name: payment-service", "app.kubernetes.io/name: payments");

		assertThat(ManifestChecks.chaosTargets(broken, BASE, Lab.NAMESPACE)).singleElement()
			.asString()
			.startsWith("PodChaos/payment-service-kill: its labelSelectors");
	}

	@Test
	void shouldNoticeAPortThatIsNotTheApplications(@TempDir Path copy) {
		Manifests broken = BrokenCopy.render(Lab.KUBERNETES, copy, "base", "fraud-service.yaml", "containerPort: 8084",
				"containerPort: 8085");

		assertThat(ManifestChecks.agreeWithCompose(broken, Lab.COMPOSE)).contains(
				"fraud-service: container port http is 8085, the application listens on 8084",
				"fraud-service: readiness probe asks /actuator/health/readiness on http, the group is /actuator/health/readiness on 8084");
	}

	@Test
	void shouldNoticeAnEnvironmentThatDiffersFromCompose(@TempDir Path copy) {
		Manifests broken = BrokenCopy.render(Lab.KUBERNETES, copy, "base", "checkout-service.yaml",
				"value: http://payment-service:8083", "value: http://payment-service:8080");

		assertThat(ManifestChecks.agreeWithCompose(broken, Lab.COMPOSE)).containsExactly(
				"checkout-service: CHECKOUT_DOWNSTREAM_PAYMENT_BASE_URL is http://payment-service:8080, compose sets http://payment-service:8083");
	}

	@Test
	void shouldNoticeAProbeOutsideTheHealthGroups(@TempDir Path copy) {
		Manifests broken = BrokenCopy.render(Lab.KUBERNETES, copy, "base", "inventory-service.yaml",
				"path: /actuator/health/readiness", "path: /actuator/info");

		assertThat(ManifestChecks.agreeWithCompose(broken, Lab.COMPOSE)).containsExactly(
				"inventory-service: readiness probe asks /actuator/info on http, the group is /actuator/health/readiness on 8082");
	}

	@Test
	void shouldNoticeAMemoryLimitOtherThanComposesOrBelowItsRequest(@TempDir Path copy) {
		Manifests broken = BrokenCopy.render(Lab.KUBERNETES, copy, "base", "payment-service.yaml", "memory: 2560Mi",
				"memory: 256Mi");

		assertThat(ManifestChecks.resources(broken, Lab.COMPOSE)).containsExactly(
				"payment-service: memory limit 256Mi below its request 384Mi",
				"payment-service: memory limit 256Mi is not compose's mem_limit (2684354560 bytes)");
	}

	@Test
	void shouldNoticeADeploymentNoServiceSelects(@TempDir Path copy) {
		Manifests broken = BrokenCopy.render(Lab.KUBERNETES, copy, "base", "jaeger.yaml",
				"  selector:\n    app.kubernetes.io/name: jaeger", "  selector:\n    app.kubernetes.io/name: tracing");

		assertThat(ManifestChecks.selectorsAndServices(broken)).containsExactly(
				"jaeger: no Service selects its pods {app.kubernetes.io/name=jaeger, app.kubernetes.io/part-of=checkout-latency-lab}");
	}

	@Test
	void shouldNoticeAScrapeOfTheWrongPath(@TempDir Path copy) {
		Manifests broken = BrokenCopy.render(Lab.KUBERNETES, copy, "base", "gateway.yaml", "path: /actuator/prometheus",
				"path: /metrics");

		assertThat(ManifestChecks.scraping(broken, Lab.COMPOSE))
			.containsExactly("ServiceMonitor/gateway: path /metrics, the metrics are at /actuator/prometheus");
	}

	@Test
	void shouldNoticeFlagsMountedWithASubPath(@TempDir Path copy) {
		Manifests broken = BrokenCopy.render(Lab.KUBERNETES, copy, "base", "fraud-service.yaml",
				"              mountPath: /lab/flags\n",
				"              mountPath: /lab/flags\n              subPath: flags.json\n");

		assertThat(ManifestChecks.flags(broken, Lab.flags()))
			.containsExactly("fraud-service: the flags are mounted with a subPath, which the kubelet never updates");
	}

	@Test
	void shouldNoticeTheImagesOwnAgentNextToTheInjectedOne(@TempDir Path copy) {
		Manifests broken = BrokenCopy.render(Lab.KUBERNETES, copy, "base", "payment-service.yaml",
				"          command: [\"java\"]\n", "");

		assertThat(ManifestChecks.agentInjection(broken, Lab.COMPOSE, Lab.agentVersion())).containsExactly(
				"payment-service: starts through the image's entrypoint, which attaches the image's agent next to the injected one");
	}

	@Test
	void shouldNoticeAnAgentOtherThanTheRootPomsAndAnExporterPastJaeger(@TempDir Path copy) {
		Manifests broken = BrokenCopy.render(Lab.KUBERNETES, copy, "base", "instrumentation.yaml",
				"endpoint: http://jaeger:4318", "endpoint: http://jaeger:4317");

		assertThat(ManifestChecks.agentInjection(broken, Lab.COMPOSE, "9.9.9")).containsExactly(
				"Instrumentation: java.image ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-java:"
						+ Lab.agentVersion() + " is not the root POM's agent 9.9.9",
				"Instrumentation: exporter.endpoint http://jaeger:4317 is not Jaeger's OTLP HTTP port (4318) through its Service");
	}

	@Test
	void shouldNoticeAlertsThatMissTheToolkit(@TempDir Path copy) {
		Manifests broken = BrokenCopy.render(Lab.KUBERNETES, copy, "base", "alertmanager-config.yaml", "/api/alerts",
				"/alerts");

		assertThat(ManifestChecks.alertsToToolkit(broken, Lab.NAMESPACE, Lab.COMPOSE)).singleElement()
			.asString()
			.startsWith("AlertmanagerConfig/toolkit: posts to http://toolkit.latency-lab.svc:8090/alerts");
	}

}
