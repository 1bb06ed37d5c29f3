package dev.latencylab.checks.compose.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Service;
import dev.latencylab.checks.compose.Violation;

/**
 * {@code depends_on} names services of the file.
 */
public final class DependsOnKnownServices implements ComposeRule {

	@Override
	public String name() {
		return "depends-on-known-services";
	}

	@Override
	public String requirement() {
		return "every service depends_on names a service of the file";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		List<String> problems = new ArrayList<>();
		Map<String, Service> services = compose.services();
		for (Service service : services.values()) {
			for (String dependency : service.dependsOn().keySet()) {
				if (!services.containsKey(dependency)) {
					problems.add(service.name() + ": depends on unknown service " + dependency);
				}
			}
		}
		return violations(problems);
	}

}
