package dev.latencylab.checks.compose.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Violation;
import dev.latencylab.checks.compose.Yamls;

/**
 * prometheus-compose.yml evaluates the repository's rule files and sends what fires to
 * the compose service {@code alertmanager}.
 */
public final class PrometheusAlertsThroughAlertmanager implements ComposeRule {

	static final String RULES = "observability/prometheus/rules";

	@Override
	public String name() {
		return "prometheus-alerts-through-alertmanager";
	}

	@Override
	public String requirement() {
		return "prometheus-compose.yml loads /etc/prometheus/rules/*.yml and alerts through alertmanager:9093";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		List<String> problems = new ArrayList<>();
		Map<String, Object> config = compose.lab().prometheus();
		List<String> alertmanagers = Yamls.list(Yamls.map(config, "alerting"), "alertmanagers")
			.stream()
			.flatMap((alertmanager) -> PrometheusScrapesEveryApplication.targets(Yamls.asMap(alertmanager)).stream())
			.toList();
		if (!alertmanagers.equals(List.of("alertmanager:9093")) || !compose.services().containsKey("alertmanager")) {
			problems.add("alerting should go to alertmanager:9093, goes to " + alertmanagers);
		}
		if (!Yamls.list(config, "rule_files").contains("/etc/prometheus/rules/*.yml")) {
			problems.add("rule_files should be [/etc/prometheus/rules/*.yml]");
		}
		if (!hasRuleFile(compose.root().resolve(RULES))) {
			problems.add(RULES + "/ holds no *.yml rule file yet");
		}
		return violations(problems);
	}

	private static boolean hasRuleFile(Path directory) {
		if (!Files.isDirectory(directory)) {
			return false;
		}
		try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.yml")) {
			return files.iterator().hasNext();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
