package dev.latencylab.checks.compose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A module's {@code src/main/resources/application.yml} (its documents without a profile,
 * merged) and Spring Boot's ways of overriding it from a container's environment: relaxed
 * binding ({@code server.port} as {@code SERVER_PORT}) and
 * {@code SPRING_APPLICATION_JSON}.
 *
 * @param properties the merged documents
 */
public record ApplicationConfig(Map<String, Object> properties) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * @param root the repository root
	 * @param module a Maven module's path
	 * @return its application.yml, empty if it has none
	 */
	public static ApplicationConfig read(Path root, String module) {
		Path file = root.resolve(module).resolve("src/main/resources/application.yml");
		Map<String, Object> merged = new LinkedHashMap<>();
		if (!Files.isRegularFile(file)) {
			return new ApplicationConfig(merged);
		}
		for (Object document : Yamls.loadAll(Yamls.read(file))) {
			if (document instanceof Map<?, ?> map
					&& Yamls.property(Yamls.asMap(map), "spring.config.activate.on-profile") == null) {
				merged.putAll(Yamls.asMap(map));
			}
		}
		return new ApplicationConfig(merged);
	}

	/**
	 * @param key a dotted key, {@code spring.application.name}
	 * @return its value, {@code null} if unset
	 */
	public Object property(String key) {
		return Yamls.property(this.properties, key);
	}

	/**
	 * @return every scalar setting by its dotted key
	 */
	public Map<String, String> flat() {
		return Yamls.flatten("", this.properties);
	}

	/**
	 * @param key a dotted key, {@code checkout.downstream.fraud.base-url}
	 * @return the environment variable Spring binds to it,
	 * {@code CHECKOUT_DOWNSTREAM_FRAUD_BASEURL}
	 */
	public static String environmentName(String key) {
		return key.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
	}

	/**
	 * @param key a dotted key
	 * @param env a container's environment
	 * @return whether a variable of the environment overrides it (the current spelling or
	 * the legacy one with dashes as underscores)
	 */
	public static boolean overriddenIn(String key, Map<String, String> env) {
		String legacy = key.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT);
		return env.containsKey(environmentName(key)) || env.containsKey(legacy);
	}

	/**
	 * {@code SPRING_APPLICATION_JSON}: properties that Spring reads as JSON, before the
	 * other environment variables.
	 * @param env a container's environment
	 * @return the properties, empty if unset or not a JSON object
	 */
	public static Map<String, Object> applicationJson(Map<String, String> env) {
		String json = env.get("SPRING_APPLICATION_JSON");
		if (json == null || json.isBlank()) {
			return Map.of();
		}
		try {
			return (JSON.readValue(json, Object.class) instanceof Map<?, ?> map) ? Yamls.asMap(map) : Map.of();
		}
		catch (JacksonException ex) {
			return Map.of();
		}
	}

}
