package dev.latencylab.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.EnumMap;
import java.util.Map;

/**
 * The ports a lab run listens on, all on 127.0.0.1.
 *
 * @param postgres the PostgreSQL port
 * @param services each application's HTTP port
 * @param tools each observability tool's HTTP port
 */
public record LabPorts(int postgres, Map<LabService, Integer> services, Map<LabTool, Integer> tools) {

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
	 * Ports that are free right now, for tests that must not collide with anything.
	 * @return free ports
	 */
	public static LabPorts free() {
		Map<LabService, Integer> services = new EnumMap<>(LabService.class);
		for (LabService service : LabService.values()) {
			services.put(service, freePort());
		}
		Map<LabTool, Integer> tools = new EnumMap<>(LabTool.class);
		for (LabTool tool : LabTool.values()) {
			tools.put(tool, freePort());
		}
		return new LabPorts(freePort(), services, tools);
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

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
