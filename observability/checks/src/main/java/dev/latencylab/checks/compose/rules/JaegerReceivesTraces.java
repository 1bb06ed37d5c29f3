package dev.latencylab.checks.compose.rules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Service;
import dev.latencylab.checks.compose.Violation;
import dev.latencylab.checks.compose.Yamls;

/**
 * A {@code jaeger} service runs Jaeger v2 with the repository's configuration: it
 * receives the agents' spans (OTLP over gRPC and HTTP), keeps them, and serves its UI and
 * query API (the toolkit reads {@code /api/v3/traces}) on the ports compose publishes.
 * Jaeger v1 ({@code jaegertracing/all-in-one}) reached its end of life at the end of
 * 2025.
 */
public final class JaegerReceivesTraces implements ComposeRule {

	static final String CONFIG = "observability/jaeger/config.yaml";

	private static final String IMAGE = "jaegertracing/jaeger:2.";

	/** The UI and query API, OTLP over gRPC, OTLP over HTTP. */
	private static final List<Integer> PORTS = List.of(16686, 4317, 4318);

	/** Where in the configuration each of {@link #PORTS} is listened on. */
	private static final Map<String, Integer> ENDPOINTS = Map.of("extensions.jaeger_query.http.endpoint", 16686,
			"receivers.otlp.protocols.grpc.endpoint", 4317, "receivers.otlp.protocols.http.endpoint", 4318);

	@Override
	public String name() {
		return "jaeger-receives-traces";
	}

	@Override
	public String requirement() {
		return "a jaeger service runs " + IMAGE + "x with " + CONFIG
				+ ", which listens on 16686 (UI, query API), 4317 (OTLP gRPC) and 4318 (OTLP HTTP), all published, "
				+ "and stores what it receives; its health check asks the health check extension";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		Service jaeger = compose.services().get("jaeger");
		if (jaeger == null) {
			return violations(List.of("no jaeger service"));
		}
		List<String> problems = new ArrayList<>();
		String image = String.valueOf(jaeger.definition().get("image"));
		if (!image.startsWith(IMAGE)) {
			problems.add("jaeger runs " + image + ", should be " + IMAGE
					+ "x (Jaeger v1 reached its end of life; the toolkit reads the v3 API)");
		}
		Set<Integer> ports = jaeger.containerPorts();
		if (!ports.containsAll(PORTS)) {
			problems.add("jaeger should publish 16686, 4317 and 4318, has " + ports);
		}
		String configFile = jaeger.commandFlag("--config", "(none)");
		if (!CONFIG.equals(jaeger.bindMounts().get(configFile))) {
			problems.add("jaeger: --config=" + configFile + " should be " + CONFIG + ", mounted");
		}
		Path config = compose.root().resolve(CONFIG);
		if (Files.isRegularFile(config)) {
			problems.addAll(checkConfig(Yamls.load(Yamls.read(config)), jaeger.healthTest()));
		}
		else {
			problems.add(CONFIG + " is missing");
		}
		return violations(problems);
	}

	private static List<String> checkConfig(Map<String, Object> config, List<String> healthTest) {
		List<String> problems = new ArrayList<>();
		ENDPOINTS.forEach((key, port) -> {
			if (!String.valueOf(Yamls.property(config, key)).endsWith(":" + port)) {
				problems.add(
						CONFIG + ": " + key + " should listen on port " + port + ", is " + Yamls.property(config, key));
			}
		});
		List<String> extensions = Yamls.stringList(Yamls.property(config, "service.extensions"));
		if (!extensions.containsAll(List.of("jaeger_storage", "jaeger_query", "healthcheckv2"))) {
			problems
				.add(CONFIG + ": service.extensions should run jaeger_storage, jaeger_query and healthcheckv2, runs "
						+ extensions);
		}
		Map<String, Object> traces = Yamls.asMap(Yamls.property(config, "service.pipelines.traces"));
		if (!Yamls.stringList(traces.get("receivers")).contains("otlp")
				|| !Yamls.stringList(traces.get("exporters")).contains("jaeger_storage_exporter")) {
			problems.add(CONFIG + ": the traces pipeline should take otlp to jaeger_storage_exporter");
		}
		String health = String.valueOf(Yamls.property(config, "extensions.healthcheckv2.http.endpoint"));
		String healthPort = health.substring(health.lastIndexOf(':') + 1);
		if (healthTest.stream().noneMatch((arg) -> arg.contains(":" + healthPort + "/status"))) {
			problems.add("jaeger: the health check should ask the health check extension on port " + healthPort
					+ " (/status), asks " + healthTest);
		}
		return problems;
	}

}
