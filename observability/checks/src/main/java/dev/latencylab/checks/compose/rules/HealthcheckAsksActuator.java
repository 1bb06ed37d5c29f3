package dev.latencylab.checks.compose.rules;

import java.util.ArrayList;
import java.util.List;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Service;
import dev.latencylab.checks.compose.Violation;

/**
 * A built application is healthy when Spring Boot says so, at the port it listens on.
 */
public final class HealthcheckAsksActuator implements ComposeRule {

	@Override
	public String name() {
		return "healthcheck-asks-actuator";
	}

	@Override
	public String requirement() {
		return "a built application's health check asks /actuator/health at the application's own server.port";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		List<String> problems = new ArrayList<>();
		for (Service service : compose.services().values()) {
			Integer port = service.isBuilt() ? compose.serverPort(service) : null;
			if (port == null) {
				continue;
			}
			String health = String.join(" ", service.healthTest());
			if (!health.contains(":" + port + "/actuator/health")) {
				problems.add(service.name() + ": health check does not ask :" + port + "/actuator/health: " + health);
			}
		}
		return violations(problems);
	}

}
