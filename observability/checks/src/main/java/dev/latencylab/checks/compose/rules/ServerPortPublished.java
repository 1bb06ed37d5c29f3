package dev.latencylab.checks.compose.rules;

import java.util.ArrayList;
import java.util.List;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Service;
import dev.latencylab.checks.compose.Violation;

/**
 * Every application built from the repository publishes the port it listens on, as the
 * local lab makes it reachable from the host.
 */
public final class ServerPortPublished implements ComposeRule {

	@Override
	public String name() {
		return "server-port-published";
	}

	@Override
	public String requirement() {
		return "a built application publishes its server.port (or SERVER_PORT)";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		List<String> problems = new ArrayList<>();
		for (Service service : compose.services().values()) {
			if (!service.isBuilt()) {
				continue;
			}
			Integer port = compose.serverPort(service);
			if (port == null) {
				problems.add(service.name() + ": neither SERVER_PORT nor server.port in " + service.module()
						+ "/src/main/resources/application.yml");
			}
			else if (service.ports().stream().noneMatch((published) -> published.target() == port)) {
				problems.add(service.name() + ": container port " + port + " (server.port) is not published");
			}
		}
		return violations(problems);
	}

}
