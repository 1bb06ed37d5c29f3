package dev.latencylab.checks.compose.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Service;
import dev.latencylab.checks.compose.Violation;

/**
 * The services' {@code depends_on} form no cycle, which compose refuses to start.
 */
public final class DependsOnWithoutCycles implements ComposeRule {

	@Override
	public String name() {
		return "depends-on-without-cycles";
	}

	@Override
	public String requirement() {
		return "no service depends on itself through depends_on";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		Map<String, Service> services = compose.services();
		for (String name : services.keySet()) {
			List<String> cycle = cycleFrom(name, services, new ArrayList<>());
			if (cycle != null) {
				return violations(List.of("depends_on cycle: " + String.join(" -> ", cycle)));
			}
		}
		return List.of();
	}

	private static List<String> cycleFrom(String name, Map<String, Service> services, List<String> path) {
		if (path.contains(name)) {
			List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
			cycle.add(name);
			return cycle;
		}
		Service service = services.get(name);
		if (service == null) {
			return null;
		}
		path.add(name);
		for (String dependency : service.dependsOn().keySet()) {
			List<String> cycle = cycleFrom(dependency, services, path);
			if (cycle != null) {
				return cycle;
			}
		}
		path.remove(path.size() - 1);
		return null;
	}

}
