package dev.latencylab.checks.compose.rules;

import java.util.List;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Violation;

/**
 * Every service has a health check: the start-up order waits for health
 * ({@link DependsOnWaitsForHealthy}), and {@code docker compose ps} shows who is not
 * ready.
 */
public final class HealthcheckOnEveryService implements ComposeRule {

	@Override
	public String name() {
		return "healthcheck-on-every-service";
	}

	@Override
	public String requirement() {
		return "every service has a health check that runs a command";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		return violations(compose.services()
			.values()
			.stream()
			.filter((service) -> !service.hasHealthCheck())
			.map((service) -> service.name() + ": no health check")
			.toList());
	}

}
