package dev.latencylab.checks.compose.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Service;
import dev.latencylab.checks.compose.Violation;

/**
 * Every lab application's OpenTelemetry agent sends its spans (and nothing else) to
 * Jaeger, under the application's own name, marked as the compose deployment.
 */
public final class TracesToJaeger implements ComposeRule {

	@Override
	public String name() {
		return "traces-to-jaeger";
	}

	@Override
	public String requirement() {
		return "every lab application exports only traces, over OTLP to jaeger, as its spring.application.name";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		List<String> problems = new ArrayList<>();
		for (Service service : compose.services().values()) {
			if (!compose.isLabApplication(service)) {
				continue;
			}
			String name = service.name();
			Map<String, String> env = service.environment();
			Object application = compose.applicationConfig(service).property("spring.application.name");
			Environments.expect(problems, name, env, "OTEL_SERVICE_NAME", String.valueOf(application));
			Environments.expect(problems, name, env, "OTEL_METRICS_EXPORTER", "none");
			Environments.expect(problems, name, env, "OTEL_LOGS_EXPORTER", "none");
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
		}
		return violations(problems);
	}

}
