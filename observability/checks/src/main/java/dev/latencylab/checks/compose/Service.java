package dev.latencylab.checks.compose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One service of a compose file, read in each of the forms compose accepts (a port as
 * {@code "host:published:target"} or as a mapping, an environment as a mapping or a list
 * of {@code KEY=value}, {@code depends_on} as a list or a mapping).
 *
 * @param name the service's name
 * @param definition its mapping in the compose file
 */
public record Service(String name, Map<String, Object> definition) {

	private static final Pattern MEMORY = Pattern.compile("(\\d+)\\s*([bkmg]?)b?");

	/**
	 * A port: {@code published} on the host ({@code null} if only the container's),
	 * {@code target} in the container.
	 *
	 * @param published the host port, {@code null} if none
	 * @param target the container port
	 * @param protocol {@code tcp} or {@code udp}
	 */
	public record Port(Integer published, int target, String protocol) {
	}

	/**
	 * A volume: a bind mount of a path of the host, or a named volume.
	 *
	 * @param source the host path or the volume's name
	 * @param target the path in the container
	 * @param readOnly whether it is mounted read-only
	 */
	public record Volume(String source, String target, boolean readOnly) {

		/**
		 * @return whether the source is a path of the host (not a named volume)
		 */
		public boolean isBind() {
			return this.source.startsWith(".") || this.source.startsWith("/") || this.source.startsWith("~");
		}

		/**
		 * @return the source as a path relative to the compose file's directory, without
		 * {@code ./} and a trailing {@code /}
		 */
		public String relativeSource() {
			return this.source.replaceFirst("^\\./", "").replaceAll("/$", "");
		}

	}

	/**
	 * @param key a top-level key of the service
	 * @return whether the service has it
	 */
	public boolean has(String key) {
		return this.definition.containsKey(key);
	}

	/**
	 * @return whether the service is built from the repository (rather than pulled)
	 */
	public boolean isBuilt() {
		return has("build");
	}

	/**
	 * @return its ports, published or not
	 */
	public List<Port> ports() {
		List<Port> ports = new ArrayList<>();
		for (Object entry : Yamls.list(this.definition, "ports")) {
			if (entry instanceof Map<?, ?> port) {
				Object published = port.get("published");
				ports.add(new Port((published != null) ? Integer.valueOf(String.valueOf(published)) : null,
						Integer.parseInt(String.valueOf(port.get("target"))),
						String.valueOf(port.get("protocol") != null ? port.get("protocol") : "tcp")));
				continue;
			}
			String spec = String.valueOf(entry);
			String protocol = "tcp";
			int slash = spec.indexOf('/');
			if (slash >= 0) {
				protocol = spec.substring(slash + 1);
				spec = spec.substring(0, slash);
			}
			String[] parts = spec.split(":");
			int target = Integer.parseInt(parts[parts.length - 1]);
			Integer published = (parts.length >= 2) ? Integer.valueOf(parts[parts.length - 2]) : null;
			ports.add(new Port(published, target, protocol));
		}
		return ports;
	}

	/**
	 * @return the ports it listens on in the container: its ports' targets and
	 * {@code expose}
	 */
	public Set<Integer> containerPorts() {
		Set<Integer> ports = ports().stream().map(Port::target).collect(Collectors.toCollection(LinkedHashSet::new));
		Yamls.list(this.definition, "expose")
			.forEach((port) -> ports.add(Integer.valueOf(String.valueOf(port).split("/")[0])));
		return ports;
	}

	/**
	 * The host port it publishes for a container port, as written: a number or, in the
	 * file as written, {@code ${LAB_JAEGER_UI_PORT:-16686}}.
	 * @param target a container port
	 * @return the published port, {@code null} if none
	 */
	public String publishedPort(int target) {
		Pattern mapping = Pattern.compile("(\\$\\{[^}]*}|\\d+):" + target + "(?:/tcp)?$");
		for (Object entry : Yamls.list(this.definition, "ports")) {
			Matcher matcher = mapping.matcher(String.valueOf(entry));
			if (matcher.find()) {
				return matcher.group(1);
			}
		}
		return null;
	}

	/**
	 * @return its volumes, bind mounts and named volumes
	 */
	public List<Volume> volumes() {
		List<Volume> volumes = new ArrayList<>();
		for (Object entry : Yamls.list(this.definition, "volumes")) {
			if (entry instanceof Map<?, ?> volume) {
				volumes.add(new Volume(String.valueOf(volume.get("source")), String.valueOf(volume.get("target")),
						Boolean.TRUE.equals(volume.get("read_only"))));
				continue;
			}
			String[] parts = String.valueOf(entry).split(":");
			if (parts.length >= 2) {
				volumes.add(new Volume(parts[0], parts[1],
						parts.length >= 3 && Arrays.asList(parts[2].split(",")).contains("ro")));
			}
		}
		return volumes;
	}

	/**
	 * @return its bind mounts: the host path (relative) by the path in the container
	 */
	public Map<String, String> bindMounts() {
		return volumes().stream()
			.filter(Volume::isBind)
			.collect(Collectors.toMap(Volume::target, Volume::relativeSource, (a, b) -> a, LinkedHashMap::new));
	}

	/**
	 * @return its environment, an empty value for a variable without one
	 */
	public Map<String, String> environment() {
		Object environment = this.definition.get("environment");
		Map<String, String> env = new LinkedHashMap<>();
		if (environment instanceof Map<?, ?> entries) {
			entries.forEach((key, value) -> env.put(String.valueOf(key), (value != null) ? String.valueOf(value) : ""));
		}
		else if (environment instanceof List<?> entries) {
			for (Object entry : entries) {
				String[] parts = String.valueOf(entry).split("=", 2);
				env.put(parts[0], (parts.length > 1) ? parts[1] : "");
			}
		}
		return env;
	}

	/**
	 * @return its command as a list of arguments
	 */
	public List<String> command() {
		return Yamls.stringList(this.definition.get("command"));
	}

	/**
	 * @param flag a command-line flag, {@code --config.file}
	 * @param fallback the value when the command does not set it
	 * @return the value the command gives the flag ({@code --flag=value})
	 */
	public String commandFlag(String flag, String fallback) {
		return command().stream()
			.filter((arg) -> arg.startsWith(flag + "="))
			.map((arg) -> arg.substring(flag.length() + 1))
			.findFirst()
			.orElse(fallback);
	}

	/**
	 * @return the services it depends on, by name, with the condition it waits for
	 */
	public Map<String, String> dependsOn() {
		Map<String, String> dependencies = new TreeMap<>();
		Object dependsOn = this.definition.get("depends_on");
		if (dependsOn instanceof List<?> names) {
			names.forEach((name) -> dependencies.put(String.valueOf(name), "service_started"));
		}
		else if (dependsOn instanceof Map<?, ?> entries) {
			entries.forEach((name, spec) -> dependencies.put(String.valueOf(name),
					(spec instanceof Map<?, ?> m && m.get("condition") != null) ? String.valueOf(m.get("condition"))
							: "service_started"));
		}
		return dependencies;
	}

	/**
	 * @return whether it has a health check that runs a command (not disabled, not
	 * {@code NONE})
	 */
	public boolean hasHealthCheck() {
		if (!(this.definition.get("healthcheck") instanceof Map<?, ?> healthcheck)
				|| Boolean.TRUE.equals(healthcheck.get("disable"))) {
			return false;
		}
		List<String> test = healthTest();
		return !test.isEmpty() && !test.get(0).equals("NONE") && test.size() > 1;
	}

	/**
	 * @return its health check's test, a string test as {@code CMD-SHELL} and the string
	 */
	public List<String> healthTest() {
		if (!(this.definition.get("healthcheck") instanceof Map<?, ?> healthcheck)) {
			return List.of();
		}
		Object test = healthcheck.get("test");
		if (test instanceof String command) {
			return List.of("CMD-SHELL", command);
		}
		return Yamls.stringList(test);
	}

	/**
	 * @return its memory limit in bytes ({@code mem_limit} or
	 * {@code deploy.resources.limits.memory}), 0 if none
	 */
	public long memoryLimit() {
		Object limit = this.definition.get("mem_limit");
		if (limit == null) {
			limit = Yamls.property(this.definition, "deploy.resources.limits.memory");
		}
		if (limit == null) {
			return 0;
		}
		Matcher size = MEMORY.matcher(String.valueOf(limit).toLowerCase(Locale.ROOT));
		if (!size.matches()) {
			return 0;
		}
		long factor = switch (size.group(2)) {
			case "k" -> 1L << 10;
			case "m" -> 1L << 20;
			case "g" -> 1L << 30;
			default -> 1L;
		};
		return Long.parseLong(size.group(1)) * factor;
	}

	/**
	 * @return its build context, relative to the compose file
	 */
	public String buildContext() {
		Object build = this.definition.get("build");
		return (build instanceof Map<?, ?> spec)
				? String.valueOf(spec.get("context") != null ? spec.get("context") : ".") : String.valueOf(build);
	}

	/**
	 * @return its Dockerfile, relative to the build context
	 */
	public String buildDockerfile() {
		Object build = this.definition.get("build");
		return (build instanceof Map<?, ?> spec && spec.get("dockerfile") != null)
				? String.valueOf(spec.get("dockerfile")) : "Dockerfile";
	}

	/**
	 * @return its build arguments
	 */
	public Map<String, String> buildArgs() {
		Map<String, String> args = new LinkedHashMap<>();
		if (this.definition.get("build") instanceof Map<?, ?> build) {
			Object raw = build.get("args");
			if (raw instanceof Map<?, ?> entries) {
				entries.forEach((key, value) -> args.put(String.valueOf(key), String.valueOf(value)));
			}
			else if (raw instanceof List<?> entries) {
				entries.forEach((entry) -> {
					String[] parts = String.valueOf(entry).split("=", 2);
					args.put(parts[0], (parts.length > 1) ? parts[1] : null);
				});
			}
		}
		return args;
	}

	/**
	 * @return the Maven module it is built from (the build argument {@code MODULE} of
	 * docker/Dockerfile), {@code null} if none
	 */
	public String module() {
		return buildArgs().get("MODULE");
	}

}
