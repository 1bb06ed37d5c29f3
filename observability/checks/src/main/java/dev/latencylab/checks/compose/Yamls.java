package dev.latencylab.checks.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * YAML as the rules read it: SnakeYAML's safe loader, a key given twice rejected (as
 * compose rejects it), and null-safe access to a document's maps and lists.
 */
public final class Yamls {

	private Yamls() {
	}

	/**
	 * @param text a YAML document whose root is a mapping
	 * @return the mapping
	 * @throws IllegalArgumentException if the root is not a mapping
	 */
	public static Map<String, Object> load(String text) {
		Object document = loader().load(text);
		if (!(document instanceof Map<?, ?>)) {
			throw new IllegalArgumentException("not a YAML mapping: " + document);
		}
		return cast(document);
	}

	/**
	 * @param text a YAML stream ({@code ---} between documents)
	 * @return its documents
	 */
	public static Iterable<Object> loadAll(String text) {
		return loader().loadAll(text);
	}

	/**
	 * @param document a YAML mapping
	 * @return it written as block YAML
	 */
	public static String dump(Map<String, Object> document) {
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		return new Yaml(options).dump(document);
	}

	/**
	 * @param file a text file
	 * @return its content
	 * @throws UncheckedIOException if it cannot be read
	 */
	public static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

	/**
	 * @param document a mapping, maybe nested maps and lists
	 * @return a copy that shares nothing with it
	 */
	public static Map<String, Object> deepCopy(Map<String, Object> document) {
		return cast(copyValue(document));
	}

	/**
	 * @param parent a mapping
	 * @param key a key
	 * @return the mapping under the key, empty if there is none
	 */
	public static Map<String, Object> map(Map<String, Object> parent, String key) {
		return (parent.get(key) instanceof Map<?, ?> map) ? cast(map) : Map.of();
	}

	/**
	 * @param parent a mapping
	 * @param key a key
	 * @return the list under the key, empty if there is none
	 */
	public static List<Object> list(Map<String, Object> parent, String key) {
		return (parent.get(key) instanceof List<?> list) ? cast(list) : List.of();
	}

	/**
	 * @param value a list, a scalar or {@code null}
	 * @return the list's items as strings; a scalar as a list of one
	 */
	public static List<String> stringList(Object value) {
		if (!(value instanceof List<?> list)) {
			return (value != null) ? List.of(String.valueOf(value)) : List.of();
		}
		return list.stream().map(String::valueOf).toList();
	}

	/**
	 * @param value a mapping
	 * @return it, typed as a mapping with string keys
	 */
	public static Map<String, Object> asMap(Object value) {
		return (value instanceof Map<?, ?> map) ? cast(map) : Map.of();
	}

	/**
	 * @param config nested mappings
	 * @param key a dotted path, {@code server.port}
	 * @return the value at the path, {@code null} if there is none
	 */
	public static Object property(Map<String, Object> config, String key) {
		Object value = config;
		for (String part : key.split("\\.")) {
			if (!(value instanceof Map<?, ?> map)) {
				return null;
			}
			value = map.get(part);
		}
		return value;
	}

	/**
	 * @param prefix the prefix of every key, empty for none
	 * @param config nested mappings
	 * @return the scalar leaves by their dotted paths (lists left out)
	 */
	public static Map<String, String> flatten(String prefix, Map<String, Object> config) {
		Map<String, String> flat = new LinkedHashMap<>();
		config.forEach((key, value) -> {
			String name = prefix.isEmpty() ? key : prefix + "." + key;
			if (value instanceof Map<?, ?> nested) {
				flat.putAll(flatten(name, cast(nested)));
			}
			else if (value != null && !(value instanceof List<?>)) {
				flat.put(name, String.valueOf(value));
			}
		});
		return flat;
	}

	private static Object copyValue(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> copy = new LinkedHashMap<>();
			map.forEach((key, nested) -> copy.put(String.valueOf(key), copyValue(nested)));
			return copy;
		}
		if (value instanceof List<?> list) {
			List<Object> copy = new ArrayList<>();
			list.forEach((nested) -> copy.add(copyValue(nested)));
			return copy;
		}
		return value;
	}

	private static Yaml loader() {
		LoaderOptions options = new LoaderOptions();
		// compose rejects a key given twice; so do we
		options.setAllowDuplicateKeys(false);
		return new Yaml(new SafeConstructor(options));
	}

	@SuppressWarnings("unchecked")
	static <T> T cast(Object value) {
		return (T) value;
	}

}
