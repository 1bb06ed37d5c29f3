package dev.latencylab.checks.compose;

import java.util.List;
import java.util.function.UnaryOperator;

import dev.latencylab.checks.compose.rules.AlertmanagerPostsToToolkit;
import dev.latencylab.checks.compose.rules.BindMountSourcesExist;
import dev.latencylab.checks.compose.rules.BuildIsAMavenModule;
import dev.latencylab.checks.compose.rules.BuiltApplicationsAreTheLab;
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

/**
 * For every compose rule, small compose files that break it, and what the rule must say.
 * Services built from the repository ({@code build: MODULE}) are checked against the real
 * modules; the Dockerfile rules break a copy of the real docker/Dockerfile.
 */
final class BadSnippets {

	/** The gateway, built as docker-compose.yml builds it. */
	private static final String GATEWAY = """
			  gateway:
			    build: {context: ., dockerfile: docker/Dockerfile, args: {MODULE: gateway}}
			""";

	/** The diagnosis toolkit, built as docker-compose.yml builds it. */
	private static final String TOOLKIT = """
			  toolkit:
			    build: {context: ., dockerfile: docker/Dockerfile, args: {MODULE: observability/toolkit}}
			""";

	private BadSnippets() {
	}

	/**
	 * A compose file that breaks a rule.
	 *
	 * @param rule the rule
	 * @param snippet the compose file
	 * @param expected what one of the rule's violations says
	 * @param files the files next to the compose file, as the case needs them
	 */
	record Bad(ComposeRule rule, String snippet, String expected, UnaryOperator<LabFiles> files) {

		Bad(ComposeRule rule, String snippet, String expected) {
			this(rule, snippet, expected, UnaryOperator.identity());
		}

		@Override
		public String toString() {
			return this.rule.name() + ": " + this.expected;
		}

	}

	static List<Bad> all() {
		return List.of(
				// the file
				new Bad(new KnownTopLevelKeys(), """
						services:
						  web: {image: "nginx:1.27"}
						servcies: {}
						""", "unknown top-level key 'servcies'"),
				new Bad(new ServicesDeclared(), "services: {}\n", "no services"), new Bad(new ImageOrBuild(), """
						services:
						  web: {mem_limit: 64m}
						""", "web: neither image nor build"), new Bad(new ImagesPinned(), """
						services:
						  web: {image: nginx}
						""", "web: image nginx has no pinned tag"), new Bad(new ImagesPinned(), """
						services:
						  web: {image: "nginx:latest"}
						""", "image nginx:latest has no pinned tag"), new Bad(new ImagesPinned(), """
						services:
						  web: {image: "localhost:5000/shop"}
						""", "image localhost:5000/shop has no pinned tag"), new Bad(new VariablesHaveDefaults(), """
						services:
						  web: {image: "nginx:${NGINX_TAG}"}
						""", "variable without a default: ${NGINX_TAG}"), new Bad(new BindMountSourcesExist(), """
						services:
						  web: {image: "nginx:1.27", volumes: ["./no-such-dir:/data:ro"]}
						""", "web: volume source ./no-such-dir does not exist"), new Bad(new NamedVolumesDeclared(), """
						services:
						  web: {image: "nginx:1.27", volumes: ["cache:/cache"]}
						""", "web: named volume cache is not declared"), new Bad(new BuildIsAMavenModule(), """
						services:
						  web:
						    build: {context: ., dockerfile: docker/Dockerfile, args: {MODULE: no-such-module}}
						""", "web: build argument MODULE=no-such-module is not a Maven module"),
				// start-up
				new Bad(new PublishedPortsUnique(), """
						services:
						  a: {image: "nginx:1.27", ports: ["127.0.0.1:8080:80"]}
						  b: {image: "httpd:2.4", ports: ["127.0.0.1:${B_PORT:-8080}:80"]}
						""", "host port 8080/tcp is published by both a and b"),
				new Bad(new HealthcheckOnEveryService(), """
						services:
						  web: {image: "nginx:1.27"}
						""", "web: no health check"), new Bad(new HealthcheckOnEveryService(), """
						services:
						  web: {image: "nginx:1.27", healthcheck: {test: ["NONE"]}}
						""", "web: no health check"), new Bad(new MemoryLimitOnEveryService(), """
						services:
						  web: {image: "nginx:1.27"}
						""", "web: no memory limit"), new Bad(new DependsOnKnownServices(), """
						services:
						  web: {image: "nginx:1.27", depends_on: [db]}
						""", "web: depends on unknown service db"), new Bad(new DependsOnWaitsForHealthy(), """
						services:
						  db: {image: "postgres:16-alpine", healthcheck: {test: ["CMD", "pg_isready"]}}
						  web: {image: "nginx:1.27", depends_on: [db]}
						""", "web: should wait for db with condition service_healthy, not service_started"),
				new Bad(new DependsOnWithoutCycles(), """
						services:
						  a: {image: "nginx:1.27", depends_on: [b]}
						  b: {image: "nginx:1.27", depends_on: [a]}
						""", "depends_on cycle: a -> b -> a"),
				// the applications
				new Bad(new ServerPortPublished(), "services:\n" + GATEWAY,
						"gateway: container port 8080 (server.port) is not published"),
				new Bad(new HealthcheckAsksActuator(), "services:\n" + GATEWAY + """
						    healthcheck: {test: ["CMD", "curl", "-f", "http://127.0.0.1:8081/actuator/health"]}
						""", "gateway: health check does not ask :8080/actuator/health"),
				new Bad(new ServerAddressReachable(), "services:\n" + GATEWAY + """
						    environment: {SERVER_ADDRESS: 127.0.0.1}
						""", "gateway: SERVER_ADDRESS 127.0.0.1 is unreachable"),
				new Bad(new LoopbackSettingsOverridden(), "services:\n" + GATEWAY,
						"is not overridden (set GATEWAY_UPSTREAMS_CHECKOUT)"),
				new Bad(new UrlsReachDependencies(), "services:\n" + GATEWAY + """
						    environment: {GATEWAY_UPSTREAMS_CHECKOUT: "http://checkout-service:8081"}
						""", "names no compose service"), new Bad(new UrlsReachDependencies(), """
						services:
						  checkout-service: {image: "nginx:1.27", expose: ["8081"]}
						""" + GATEWAY + """
						    environment: {GATEWAY_UPSTREAMS_CHECKOUT: "http://checkout-service:8081"}
						""", "GATEWAY_UPSTREAMS_CHECKOUT uses checkout-service but does not depend on it"),
				new Bad(new BuiltApplicationsAreTheLab(), "services:\n" + GATEWAY,
						"the built applications [gateway] are not the lab's"),
				// telemetry
				new Bad(new TracesToJaeger(), "services:\n" + GATEWAY + """
						    environment: {OTEL_SERVICE_NAME: edge, OTEL_EXPORTER_OTLP_ENDPOINT: "http://jaeger:4318"}
						""", "gateway: OTEL_SERVICE_NAME is edge, should be gateway"),
				new Bad(new JaegerReceivesTraces(), """
						services:
						  jaeger:
						    image: "jaegertracing/jaeger:2.20.0"
						    command: ["--config=/etc/jaeger/config.yaml"]
						    volumes: ["./observability/jaeger/config.yaml:/etc/jaeger/config.yaml:ro"]
						    ports: ["16686:16686"]
						    healthcheck: {test: ["CMD", "wget", "-q", "http://127.0.0.1:13133/status"]}
						""", "jaeger should publish 16686, 4317 and 4318"), new Bad(new JaegerReceivesTraces(), """
						services:
						  jaeger:
						    image: "jaegertracing/all-in-one:1.76.0"
						    environment: {COLLECTOR_OTLP_ENABLED: "true"}
						    ports: ["16686:16686", "4317:4317", "4318:4318"]
						    healthcheck: {test: ["CMD", "wget", "-q", "http://127.0.0.1:14269/"]}
						""", "Jaeger v1 reached its end of life"), new Bad(new PrometheusScrapesEveryApplication(), """
						services:
						  fraud-service:
						    build: {context: ., dockerfile: docker/Dockerfile, args: {MODULE: fraud-service}}
						    environment: {SERVER_PORT: "9000"}
						""", "should be [fraud-service:9000]"), new Bad(new PrometheusAlertsThroughAlertmanager(), """
						services:
						  prometheus: {image: "prom/prometheus:v3.5.0"}
						""", "alerting should go to alertmanager:9093"), new Bad(new PrometheusMountsItsConfig(), """
						services:
						  prometheus: {image: "prom/prometheus:v3.5.0"}
						""", "--enable-feature=exemplar-storage is missing"),
				new Bad(new GrafanaProvisioningMounted(), """
						services:
						  grafana:
						    image: grafana/grafana:12.1.1
						    volumes: ["./observability/grafana/provisioning:/etc/grafana/provisioning:ro"]
						""", "observability/grafana/dashboards is not mounted"),
				new Bad(new GrafanaDatasourcesAreServices(), """
						services:
						  grafana: {image: "grafana/grafana:12.1.1"}
						""", "datasource url http://prometheus:9090 is no compose service port"),
				// the image
				new Bad(new DockerfileRuntimeStage(), "services:\n" + GATEWAY, "Dockerfile should be multi-stage",
						dockerfile("FROM eclipse-temurin:17-jdk\nCOPY . .\nUSER root\n")),
				new Bad(new DockerfileBuildsTheModule(), "services:\n" + GATEWAY,
						"Dockerfile lacks ARG OTEL_AGENT_VERSION=",
						editDockerfile((recipe) -> recipe.replaceAll("ARG OTEL_AGENT_VERSION=\\S+",
								"ARG OTEL_AGENT_VERSION=0.0.1"))),
				new Bad(new DockerfileCopiesWhatExists(), "services:\n" + GATEWAY,
						"COPY source no-such-dir/ does not exist",
						editDockerfile((recipe) -> recipe.replace("COPY . .", "COPY . .\nCOPY no-such-dir/ ./x/"))),
				new Bad(new DockerfileCopiesWhatExists(), "services:\n" + GATEWAY,
						"COPY source docs/ is excluded by .dockerignore",
						editDockerfile((recipe) -> recipe.replace("COPY . .", "COPY . .\nCOPY docs/ ./docs/"))),
				new Bad(new HealthcheckToolsInstalled(), "services:\n" + GATEWAY + """
						    healthcheck: {test: ["CMD", "curl", "-f", "http://127.0.0.1:8080/actuator/health"]}
						""", "health checks use curl but the runtime stage does not install it", editDockerfile(
						(recipe) -> recipe.replace("--no-install-recommends curl", "--no-install-recommends wget"))),
				// the diagnosis toolkit
				new Bad(new ToolkitUntraced(), "services:\n" + TOOLKIT,
						"toolkit: OTEL_JAVAAGENT_ENABLED should be \"false\", is null"),
				new Bad(new ToolkitReachesTheLab(), "services:\n" + TOOLKIT + """
						    environment: {TOOLKIT_PROMETHEUS: "http://prometheus:9091"}
						""", "toolkit: TOOLKIT_PROMETHEUS is http://prometheus:9091, should be http://prometheus:9090"),
				new Bad(new ToolkitLinksToPublishedPorts(), "services:\n" + TOOLKIT + """
						    ports: ["127.0.0.1:${LAB_TOOLKIT_PORT:-8090}:8090"]
						    environment: {TOOLKIT_REPORTS_PUBLIC_URL: "http://localhost:8090"}
						""",
						"TOOLKIT_REPORTS_PUBLIC_URL is http://localhost:8090, "
								+ "should be http://localhost:${LAB_TOOLKIT_PORT:-8090}"),
				new Bad(new ToolkitMounts(), "services:\n" + TOOLKIT + """
						    volumes: [".:/lab/repository"]
						    environment: {TOOLKIT_DOCS_DIRECTORY: /lab/repository}
						""", "TOOLKIT_DOCS_DIRECTORY /lab/repository should be the repository (.) mounted read-only"),
				new Bad(new AlertmanagerPostsToToolkit(), "services:\n" + TOOLKIT,
						"alertmanager: its configuration should be observability/alertmanager/alertmanager-compose.yml"),
				new Bad(new DocsUrlFollowsToolkitPort(), """
						services:
						  prometheus: {image: "prom/prometheus:v3.5.0"}
						""" + TOOLKIT, "docs_url uses LAB_TOOLKIT_PORT, which docker-compose.yml does not set"));
	}

	/**
	 * @param recipe a whole Dockerfile
	 * @return the files with it in place of docker/Dockerfile
	 */
	private static UnaryOperator<LabFiles> dockerfile(String recipe) {
		return (files) -> files.withDockerfile(recipe);
	}

	/**
	 * @param edit a change to docker/Dockerfile
	 * @return the files with the changed Dockerfile
	 */
	private static UnaryOperator<LabFiles> editDockerfile(UnaryOperator<String> edit) {
		return (files) -> files.withDockerfile(edit.apply(files.dockerfile()));
	}

}
