package dev.latencylab.checks.compose.rules;

import java.util.List;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.Service;

/**
 * Every application built from the repository publishes the port it listens on, as the
 * local lab makes it reachable from the host.
 */
public final class ServerPortPublished extends BuiltServiceRule {

	@Override
	public String name() {
		return "server-port-published";
	}

	@Override
	public String requirement() {
		return "a built application publishes its server.port (or SERVER_PORT)";
	}

	@Override
	void check(ComposeFile compose, Service service, List<String> problems) {
		Integer port = compose.serverPort(service);
		if (port == null) {
			problems.add(service.name() + ": neither SERVER_PORT nor server.port in " + service.module()
					+ "/src/main/resources/application.yml");
		}
		else if (service.ports().stream().noneMatch((published) -> published.target() == port)) {
			problems.add(service.name() + ": container port " + port + " (server.port) is not published");
		}
	}

}
