package dev.latencylab.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The files of {@code kubernetes/base} that are made from the rest of the repository,
 * because kustomize reads nothing outside the kustomization's folder: the
 * {@code PrometheusRule} with the groups of {@code observability/prometheus/rules/*.yml},
 * and copies of the flags file, PostgreSQL's init script, the PostgreSQL exporter's
 * queries and Jaeger's configuration. {@link #main(String[])} writes them;
 * {@code GeneratedFilesTest} fails when a checked-in one differs.
 */
public final class GeneratedFiles {

	/** The command that writes them, from the repository root. */
	public static final String REGENERATE = "./mvnw -q -pl kubernetes compile exec:java"
			+ " -Dexec.mainClass=dev.latencylab.kubernetes.GeneratedFiles";

	/** The generated PrometheusRule, relative to the repository root. */
	public static final String PROMETHEUS_RULE = "kubernetes/base/prometheus-rule.yaml";

	/** The folder of the Prometheus rules files, relative to the repository root. */
	public static final String RULES = "observability/prometheus/rules";

	private static final Map<String, String> COPIES = Map.of("kubernetes/base/files/flags.json", "flags/flags.json",
			"kubernetes/base/files/postgres-init.sql", "docker/postgres-init.sql",
			"kubernetes/base/files/jaeger-config.yaml", "observability/jaeger/config.yaml",
			"kubernetes/base/files/postgres-exporter-queries.yml", "observability/postgres-exporter/queries.yml");

	private GeneratedFiles() {
	}

	/**
	 * Writes every generated file.
	 * @param args the repository root, optional (else found from the working directory)
	 * @throws IOException if a file cannot be read or written
	 */
	public static void main(String[] args) throws IOException {
		Path root = (args.length > 0) ? Path.of(args[0]) : root(Path.of("").toAbsolutePath());
		for (Map.Entry<String, String> file : expected(root).entrySet()) {
			Path target = root.resolve(file.getKey());
			Files.createDirectories(target.getParent());
			Files.writeString(target, file.getValue());
			System.out.println("wrote " + file.getKey());
		}
	}

	/**
	 * @param root the repository root
	 * @return every generated file's content as it should be, by its path relative to the
	 * root
	 */
	public static Map<String, String> expected(Path root) {
		Map<String, String> files = new LinkedHashMap<>();
		files.put(PROMETHEUS_RULE, prometheusRule(root));
		COPIES.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((copy) -> files.put(copy.getKey(), read(root.resolve(copy.getValue()))));
		return files;
	}

	/**
	 * @param root the repository root
	 * @return the groups of every rules file, in the order of the files' names
	 */
	public static List<Object> ruleGroups(Path root) {
		List<Object> groups = new ArrayList<>();
		try (Stream<Path> files = Files.list(root.resolve(RULES))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".yml")).sorted().toList()) {
				Object document = loader().load(read(file));
				if (!(document instanceof Map<?, ?> rules) || !(rules.get("groups") instanceof List<?> list)) {
					throw new IllegalStateException(file + " has no groups:");
				}
				groups.addAll(list);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + root.resolve(RULES), ex);
		}
		return groups;
	}

	/**
	 * @param root the repository root
	 * @return the PrometheusRule manifest
	 */
	static String prometheusRule(Path root) {
		Map<String, Object> labels = new LinkedHashMap<>();
		labels.put("app.kubernetes.io/part-of", "checkout-latency-lab");
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("name", "latency-lab");
		metadata.put("labels", labels);
		Map<String, Object> manifest = new LinkedHashMap<>();
		manifest.put("apiVersion", "monitoring.coreos.com/v1");
		manifest.put("kind", "PrometheusRule");
		manifest.put("metadata", metadata);
		manifest.put("spec", Map.of("groups", ruleGroups(root)));
		return "# Generated from " + RULES + "/*.yml by dev.latencylab.kubernetes.GeneratedFiles: do not edit.\n"
				+ "# Regenerate, from the repository root:\n#   " + REGENERATE + "\n" + dumper().dump(manifest);
	}

	private static Path root(Path start) {
		for (Path directory = start; directory != null; directory = directory.getParent()) {
			if (Files.isRegularFile(directory.resolve("docker-compose.yml"))
					&& Files.isDirectory(directory.resolve("kubernetes"))) {
				return directory;
			}
		}
		throw new IllegalStateException("No repository root at or above " + start + "; pass it as the argument");
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

	private static Yaml loader() {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		return new Yaml(new SafeConstructor(options));
	}

	private static Yaml dumper() {
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		options.setIndicatorIndent(2);
		options.setIndentWithIndicator(true);
		// no folding of long annotations
		options.setWidth(4096);
		return new Yaml(new MultilineLiteral(options), options);
	}

	/** Writes a string of several lines (a PromQL expression) as a {@code |} block. */
	private static final class MultilineLiteral extends Representer {

		MultilineLiteral(DumperOptions options) {
			super(options);
			this.representers.put(String.class, (data) -> {
				String text = (String) data;
				return text.contains("\n") ? representScalar(Tag.STR, text, DumperOptions.ScalarStyle.LITERAL)
						: representScalar(Tag.STR, text);
			});
		}

	}

}
