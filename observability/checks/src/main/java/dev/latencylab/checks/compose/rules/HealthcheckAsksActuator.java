package dev.latencylab.checks.compose.rules;

import java.util.List;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.Service;

/**
 * A built application is healthy when Spring Boot says so, at the port it listens on.
 */
public final class HealthcheckAsksActuator extends BuiltServiceRule {

	@Override
	public String name() {
		return "healthcheck-asks-actuator";
	}

	@Override
	public String requirement() {
		return "a built application's health check asks /actuator/health at the application's own server.port";
	}

	@Override
	void check(ComposeFile compose, Service service, List<String> problems) {
		Integer port = compose.serverPort(service);
		if (port == null) {
			return;
		}
		String health = String.join(" ", service.healthTest());
		if (!health.contains(":" + port + "/actuator/health")) {
			problems.add(service.name() + ": health check does not ask :" + port + "/actuator/health: " + health);
		}
	}

}
