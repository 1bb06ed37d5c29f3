package dev.latencylab.checks.compose.rules;

import java.util.ArrayList;
import java.util.List;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Service;
import dev.latencylab.checks.compose.Violation;

/**
 * A built application listens beyond the container's loopback: the other containers (and
 * the published port) reach it through the container's network interface.
 */
public final class ServerAddressReachable implements ComposeRule {

	@Override
	public String name() {
		return "server-address-reachable";
	}

	@Override
	public String requirement() {
		return "no built application binds SERVER_ADDRESS to the loopback (127.0.0.1, localhost)";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		List<String> problems = new ArrayList<>();
		for (Service service : compose.services().values()) {
			String address = service.environment().get("SERVER_ADDRESS");
			if (service.isBuilt() && ("127.0.0.1".equals(address) || "localhost".equals(address))) {
				problems.add(service.name() + ": SERVER_ADDRESS " + address + " is unreachable from other containers");
			}
		}
		return violations(problems);
	}

}
