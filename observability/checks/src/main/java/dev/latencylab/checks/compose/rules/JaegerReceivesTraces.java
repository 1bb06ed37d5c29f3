package dev.latencylab.checks.compose.rules;

import java.util.List;
import java.util.Set;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Service;
import dev.latencylab.checks.compose.Violation;

/**
 * A {@code jaeger} service receives the agents' spans (OTLP over gRPC and HTTP) and
 * serves its query API and UI.
 */
public final class JaegerReceivesTraces implements ComposeRule {

	/** The UI and query API, OTLP over gRPC, OTLP over HTTP. */
	private static final List<Integer> PORTS = List.of(16686, 4317, 4318);

	@Override
	public String name() {
		return "jaeger-receives-traces";
	}

	@Override
	public String requirement() {
		return "a jaeger service listens on 16686 (UI, query), 4317 (OTLP gRPC) and 4318 (OTLP HTTP)";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		Service jaeger = compose.services().get("jaeger");
		if (jaeger == null) {
			return violations(List.of("no jaeger service"));
		}
		Set<Integer> ports = jaeger.containerPorts();
		if (!ports.containsAll(PORTS)) {
			return violations(List.of("jaeger should publish 16686, 4317 and 4318, has " + ports));
		}
		return List.of();
	}

}
