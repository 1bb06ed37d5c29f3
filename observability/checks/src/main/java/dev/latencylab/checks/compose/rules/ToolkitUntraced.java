package dev.latencylab.checks.compose.rules;

import java.util.List;
import java.util.Optional;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Violation;

/**
 * The diagnosis toolkit runs without the OpenTelemetry agent: its calls to the services
 * and to Jaeger are not the lab's traffic and must not show up in the traces it
 * diagnoses.
 */
public final class ToolkitUntraced implements ComposeRule {

	@Override
	public String name() {
		return "toolkit-untraced";
	}

	@Override
	public String requirement() {
		return "the toolkit runs with OTEL_JAVAAGENT_ENABLED=false";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		Optional<Toolkit> found = Toolkit.of(compose);
		if (found.isEmpty()) {
			return violations(List.of(Toolkit.MISSING));
		}
		String enabled = found.get().env().get("OTEL_JAVAAGENT_ENABLED");
		if (!"false".equalsIgnoreCase(enabled)) {
			return violations(
					List.of(found.get().name() + ": OTEL_JAVAAGENT_ENABLED should be \"false\", is " + enabled));
		}
		return List.of();
	}

}
