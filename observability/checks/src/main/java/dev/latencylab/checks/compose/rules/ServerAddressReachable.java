package dev.latencylab.checks.compose.rules;

import java.util.List;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.Service;

/**
 * A built application listens beyond the container's loopback: the other containers (and
 * the published port) reach it through the container's network interface.
 */
public final class ServerAddressReachable extends BuiltServiceRule {

	@Override
	public String name() {
		return "server-address-reachable";
	}

	@Override
	public String requirement() {
		return "no built application binds SERVER_ADDRESS to the loopback (127.0.0.1, localhost)";
	}

	@Override
	void check(ComposeFile compose, Service service, List<String> problems) {
		String address = service.environment().get("SERVER_ADDRESS");
		if ("127.0.0.1".equals(address) || "localhost".equals(address)) {
			problems.add(service.name() + ": SERVER_ADDRESS " + address + " is unreachable from other containers");
		}
	}

}
