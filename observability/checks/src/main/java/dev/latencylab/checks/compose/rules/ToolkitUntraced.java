package dev.latencylab.checks.compose.rules;

import java.util.List;

import dev.latencylab.checks.compose.ComposeFile;

/**
 * The diagnosis toolkit runs without the OpenTelemetry agent: its calls to the services
 * and to Jaeger are not the lab's traffic and must not show up in the traces it
 * diagnoses.
 */
public final class ToolkitUntraced extends ToolkitRule {

	@Override
	public String name() {
		return "toolkit-untraced";
	}

	@Override
	public String requirement() {
		return "the toolkit runs with OTEL_JAVAAGENT_ENABLED=false";
	}

	@Override
	void check(ComposeFile compose, Toolkit toolkit, List<String> problems) {
		String enabled = toolkit.env().get("OTEL_JAVAAGENT_ENABLED");
		if (!"false".equalsIgnoreCase(enabled)) {
			problems.add(toolkit.name() + ": OTEL_JAVAAGENT_ENABLED should be \"false\", is " + enabled);
		}
	}

}
