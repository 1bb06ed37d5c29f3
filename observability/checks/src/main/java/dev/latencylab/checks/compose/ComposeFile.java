package dev.latencylab.checks.compose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compose file, the input of every {@link ComposeRule}: its text, its services as
 * written ({@code ${LAB_GATEWAY_PORT:-8080}} left in) and as compose resolves them with
 * no environment set (every variable at its default), and the {@link LabFiles} it is
 * compared with.
 */
public final class ComposeFile {

	/**
	 * {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME-default}},
	 * {@code ${NAME:?error}}.
	 */
	public static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

	private final String text;

	private final Map<String, Object> written;

	private final Map<String, Object> resolved;

	private final LabFiles lab;

	private ComposeFile(String text, Map<String, Object> written, LabFiles lab) {
		this.text = text;
		this.written = written;
		this.resolved = Yamls.asMap(resolve(written));
		this.lab = lab;
	}

	/**
	 * @param lab the repository's files
	 * @return the repository's {@code docker-compose.yml}
	 */
	public static ComposeFile read(LabFiles lab) {
		return parse(Yamls.read(lab.root().resolve("docker-compose.yml")), lab);
	}

	/**
	 * @param text a compose file
	 * @param lab the files it is compared with
	 * @return it parsed
	 * @throws IllegalArgumentException if it is not a YAML mapping
	 */
	public static ComposeFile parse(String text, LabFiles lab) {
		return new ComposeFile(text, Yamls.load(text), lab);
	}

	/**
	 * @param written a compose file's mapping, as written
	 * @param lab the files it is compared with
	 * @return the compose file (its text written out from the mapping)
	 */
	public static ComposeFile of(Map<String, Object> written, LabFiles lab) {
		Map<String, Object> copy = Yamls.deepCopy(written);
		return new ComposeFile(Yamls.dump(copy), copy, lab);
	}

	/**
	 * @return the text of the file
	 */
	public String text() {
		return this.text;
	}

	/**
	 * @return a copy of the file's mapping as written, to edit
	 */
	public Map<String, Object> written() {
		return Yamls.deepCopy(this.written);
	}

	/**
	 * @return the top-level keys of the file
	 */
	public Set<String> topLevelKeys() {
		return Collections.unmodifiableSet(this.written.keySet());
	}

	/**
	 * @return what the file is compared with
	 */
	public LabFiles lab() {
		return this.lab;
	}

	/**
	 * @return the repository root
	 */
	public Path root() {
		return this.lab.root();
	}

	/**
	 * @return the services, variables resolved to their defaults, in file order
	 */
	public Map<String, Service> services() {
		return services(this.resolved);
	}

	/**
	 * @return the services as written, {@code ${...}} left in
	 */
	public Map<String, Service> writtenServices() {
		return services(this.written);
	}

	/**
	 * @return the names of the named volumes declared at the top level
	 */
	public Set<String> namedVolumes() {
		return Yamls.map(this.resolved, "volumes").keySet();
	}

	/**
	 * @return the service built from {@link LabFiles#TOOLKIT_MODULE}, if any
	 */
	public Optional<Service> toolkit() {
		return services().values()
			.stream()
			.filter((service) -> LabFiles.TOOLKIT_MODULE.equals(service.module()))
			.findFirst();
	}

	/**
	 * @param service a service of this file
	 * @return whether it is one of the lab's applications (built, not the toolkit):
	 * traced and scraped
	 */
	public boolean isLabApplication(Service service) {
		return service.isBuilt() && this.lab.applicationModules().contains(service.module());
	}

	/**
	 * @param service a built service
	 * @return its module's application.yml
	 */
	public ApplicationConfig applicationConfig(Service service) {
		return (service.module() != null) ? this.lab.applicationConfig(service.module())
				: new ApplicationConfig(Map.of());
	}

	/**
	 * @param service a built service
	 * @return the port it listens on ({@code SERVER_PORT}, else {@code server.port} of
	 * its application.yml), {@code null} if neither is set
	 */
	public Integer serverPort(Service service) {
		Object configured = applicationConfig(service).property("server.port");
		String port = service.environment()
			.getOrDefault("SERVER_PORT", (configured != null) ? String.valueOf(configured) : null);
		return (port != null && port.matches("\\d+")) ? Integer.valueOf(port) : null;
	}

	private static Map<String, Service> services(Map<String, Object> document) {
		Map<String, Service> services = new LinkedHashMap<>();
		Yamls.map(document, "services")
			.forEach((name, service) -> services.put(name,
					new Service(name, (service instanceof Map<?, ?>) ? Yamls.asMap(service) : new LinkedHashMap<>())));
		return services;
	}

	/**
	 * Resolves {@code ${NAME:-default}} to its default, as compose does with no
	 * environment set, and {@code $$} to {@code $}.
	 */
	private static Object resolve(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> result = new LinkedHashMap<>();
			map.forEach((key, nested) -> result.put(String.valueOf(key), resolve(nested)));
			return result;
		}
		if (value instanceof List<?> list) {
			List<Object> result = new ArrayList<>();
			list.forEach((nested) -> result.add(resolve(nested)));
			return result;
		}
		if (value instanceof String text) {
			String escaped = text.replace("$$", "\u0000");
			Matcher matcher = VARIABLE.matcher(escaped);
			StringBuilder resolved = new StringBuilder();
			while (matcher.find()) {
				String fallback = (matcher.group(3) != null) ? matcher.group(3) : "";
				matcher.appendReplacement(resolved, Matcher.quoteReplacement(fallback));
			}
			matcher.appendTail(resolved);
			return resolved.toString().replace("\u0000", "$");
		}
		return value;
	}

}
