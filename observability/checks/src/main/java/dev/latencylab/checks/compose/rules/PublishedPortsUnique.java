package dev.latencylab.checks.compose.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Service;
import dev.latencylab.checks.compose.Violation;

/**
 * No two services publish the same host port: the second would not start.
 */
public final class PublishedPortsUnique implements ComposeRule {

	@Override
	public String name() {
		return "published-ports-unique";
	}

	@Override
	public String requirement() {
		return "no two services publish the same host port (with their default variables)";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		List<String> problems = new ArrayList<>();
		Map<String, String> owners = new HashMap<>();
		for (Service service : compose.services().values()) {
			for (Service.Port port : service.ports()) {
				if (port.published() == null) {
					continue;
				}
				String key = port.published() + "/" + port.protocol();
				String owner = owners.putIfAbsent(key, service.name());
				if (owner != null) {
					problems.add("host port " + key + " is published by both " + owner + " and " + service.name());
				}
			}
		}
		return violations(problems);
	}

}
