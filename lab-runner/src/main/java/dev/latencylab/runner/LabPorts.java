package dev.latencylab.runner;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ports a lab run listens on, all on 127.0.0.1.
 *
 * @param postgres the PostgreSQL port
 * @param services each application's HTTP port
 * @param tools each observability tool's HTTP port
 */
public record LabPorts(int postgres, Map<LabService, Integer> services, Map<LabTool, Integer> tools) {

	/** The lowest port {@link #free()} gives. */
	static final int FREE_FROM = 20_000;

	/** Below the kernel's ephemeral ports. */
	static final int FREE_BELOW = 32_768;

	/**
	 * The documented defaults, each overridable with an environment variable such as
	 * {@code LAB_GATEWAY_PORT}, {@code LAB_ZIPKIN_PORT} or {@code LAB_POSTGRES_PORT}.
	 * @return the default ports
	 */
	public static LabPorts defaults() {
		Map<LabService, Integer> services = new EnumMap<>(LabService.class);
		for (LabService service : LabService.values()) {
			services.put(service, fromEnv("LAB_" + service.name() + "_PORT", service.defaultPort()));
		}
		Map<LabTool, Integer> tools = new EnumMap<>(LabTool.class);
		for (LabTool tool : LabTool.values()) {
			tools.put(tool, fromEnv("LAB_" + tool.name() + "_PORT", tool.defaultPort()));
		}
		return new LabPorts(fromEnv("LAB_POSTGRES_PORT", 5433), services, tools);
	}

	/**
	 * Ports that are free right now, for tests that must not collide with anything: each
	 * a different one, below the kernel's range of ephemeral ports (32768 and up on
	 * Linux), from which the lab's own processes take the local ports of their outgoing
	 * connections. A port the kernel handed out as free (port 0) lies in that range, and
	 * a part started earlier could take it for a connection before the part it was meant
	 * for listens on it (a CI run of 2026-12-06: fraud's port taken by
	 * inventory-service).
	 * @return free ports
	 */
	public static LabPorts free() {
		Set<Integer> taken = new HashSet<>();
		Map<LabService, Integer> services = new EnumMap<>(LabService.class);
		for (LabService service : LabService.values()) {
			services.put(service, freePort(taken));
		}
		Map<LabTool, Integer> tools = new EnumMap<>(LabTool.class);
		for (LabTool tool : LabTool.values()) {
			tools.put(tool, freePort(taken));
		}
		return new LabPorts(freePort(taken), services, tools);
	}

	public int port(LabService service) {
		return this.services.get(service);
	}

	public int port(LabTool tool) {
		return this.tools.get(tool);
	}

	private static int fromEnv(String name, int fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : Integer.parseInt(value.trim());
	}

	private static int freePort(Set<Integer> taken) {
		for (int attempt = 0; attempt < 1_000; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(FREE_FROM, FREE_BELOW);
			if (!taken.contains(port) && bindable(port)) {
				taken.add(port);
				return port;
			}
		}
		throw new IllegalStateException("no free port between " + FREE_FROM + " and " + FREE_BELOW);
	}

	private static boolean bindable(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
