package dev.latencylab.runner.lifecycle;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.latencylab.runner.LabException;
import dev.latencylab.runner.LabProcesses;
import dev.latencylab.runner.LabService;
import dev.latencylab.runner.LabTool;

/**
 * The ports a new lab listens on. A port set with its environment variable must be free,
 * or {@code ./lab up} stops and names what holds it. A default port that something else
 * holds (Debian's own Prometheus on 9090, say) is replaced by a free one, said out loud:
 * the lab never talks to a server it did not start.
 */
final class PortPlan {

	private PortPlan() {
	}

	/**
	 * @param out where replacements are announced
	 * @return the port of every part, in the order the lab lists them
	 * @throws LabException when a port given in the environment is taken
	 */
	static Map<String, Integer> resolve(PrintStream out) {
		return resolve(System.getenv(), out);
	}

	/**
	 * @param environment the environment to read the port variables from
	 * @param out where replacements are announced
	 * @return the port of every part, in the order the lab lists them
	 * @throws LabException when a port given in the environment is taken
	 */
	static Map<String, Integer> resolve(Map<String, String> environment, PrintStream out) {
		Map<String, Integer> ports = new LinkedHashMap<>();
		Set<Integer> taken = new HashSet<>();
		for (Wanted wanted : wanted()) {
			String configured = environment.get(wanted.variable());
			boolean explicit = configured != null && !configured.isBlank();
			int port = explicit ? parse(wanted.variable(), configured) : wanted.defaultPort();
			if (!taken.contains(port) && LabProcesses.isFree(port)) {
				ports.put(wanted.part(), port);
				taken.add(port);
				continue;
			}
			String holder = taken.contains(port) ? "the lab's own " + partOn(ports, port)
					: LabProcesses.holder(port).orElse("another process");
			if (explicit) {
				throw new LabException("%s=%d is taken by %s: stop it or choose another port"
					.formatted(wanted.variable(), port, holder));
			}
			int replacement = replacement(port, taken);
			out.printf("lab: port %d is taken by %s: the lab's %s listens on %d instead (%s chooses)%n", port, holder,
					wanted.part(), replacement, wanted.variable());
			ports.put(wanted.part(), replacement);
			taken.add(replacement);
		}
		return ports;
	}

	/**
	 * @param ports the resolved ports
	 * @return the environment that tells the supervisor to use them
	 */
	static Map<String, String> environment(Map<String, Integer> ports) {
		Map<String, String> environment = new LinkedHashMap<>();
		for (Wanted wanted : wanted()) {
			environment.put(wanted.variable(), String.valueOf(ports.get(wanted.part())));
		}
		return environment;
	}

	private static List<Wanted> wanted() {
		List<Wanted> wanted = new ArrayList<>();
		for (LabService service : LabService.values()) {
			wanted.add(new Wanted(service.serviceName(), "LAB_" + service.name() + "_PORT", service.defaultPort()));
		}
		for (LabTool tool : LabTool.values()) {
			wanted.add(new Wanted(tool.toolName(), "LAB_" + tool.name() + "_PORT", tool.defaultPort()));
		}
		wanted.add(new Wanted("postgresql", "LAB_POSTGRES_PORT", 5433));
		return wanted;
	}

	private static int replacement(int port, Set<Integer> taken) {
		// near the default first (9090 -> 19090), so the new address is easy to read
		for (int candidate = port + 10_000; candidate < 65_536; candidate += 10_000) {
			if (!taken.contains(candidate) && LabProcesses.isFree(candidate)) {
				return candidate;
			}
		}
		for (int candidate = port + 1; candidate < 65_536; candidate++) {
			if (!taken.contains(candidate) && LabProcesses.isFree(candidate)) {
				return candidate;
			}
		}
		throw new LabException("no free port found for " + port);
	}

	private static String partOn(Map<String, Integer> ports, int port) {
		return ports.entrySet()
			.stream()
			.filter((e) -> e.getValue() == port)
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse("part");
	}

	private static int parse(String variable, String value) {
		try {
			int port = Integer.parseInt(value.trim());
			if (port > 0 && port < 65_536) {
				return port;
			}
		}
		catch (NumberFormatException ex) {
			// said below
		}
		throw new LabException(variable + "=" + value + " is not a port (1 to 65535)");
	}

	private record Wanted(String part, String variable, int defaultPort) {
	}

}
