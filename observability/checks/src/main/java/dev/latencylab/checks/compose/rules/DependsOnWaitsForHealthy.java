package dev.latencylab.checks.compose.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Service;
import dev.latencylab.checks.compose.Violation;

/**
 * A service starts once what it depends on is healthy, not merely started: an application
 * whose database still initialises fails its first requests, or its start.
 */
public final class DependsOnWaitsForHealthy implements ComposeRule {

	@Override
	public String name() {
		return "depends-on-waits-for-healthy";
	}

	@Override
	public String requirement() {
		return "depends_on waits for service_healthy wherever the dependency has a health check";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		List<String> problems = new ArrayList<>();
		Map<String, Service> services = compose.services();
		for (Service service : services.values()) {
			service.dependsOn().forEach((dependency, condition) -> {
				Service target = services.get(dependency);
				if (target != null && target.hasHealthCheck() && !"service_healthy".equals(condition)) {
					problems.add(service.name() + ": should wait for " + dependency
							+ " with condition service_healthy, not " + condition);
				}
			});
		}
		return violations(problems);
	}

}
