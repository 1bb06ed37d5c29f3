package dev.latencylab.checks.compose.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Service;
import dev.latencylab.checks.compose.Violation;

/**
 * The {@code prometheus} service runs with the repository's configuration and rules, and
 * stores exemplars (the trace ids on histogram buckets that lead from a latency panel to
 * a trace).
 */
public final class PrometheusMountsItsConfig implements ComposeRule {

	static final String CONFIG = "observability/prometheus/prometheus-compose.yml";

	@Override
	public String name() {
		return "prometheus-mounts-its-config";
	}

	@Override
	public String requirement() {
		return "prometheus reads " + CONFIG + " and " + PrometheusAlertsThroughAlertmanager.RULES
				+ ", with --enable-feature=exemplar-storage";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		Service server = compose.services().get("prometheus");
		if (server == null) {
			return violations(List.of("no prometheus service"));
		}
		List<String> problems = new ArrayList<>();
		Map<String, String> mounts = server.bindMounts();
		String configFile = server.commandFlag("--config.file", "/etc/prometheus/prometheus.yml");
		if (!CONFIG.equals(mounts.get(configFile))) {
			problems.add("prometheus: " + configFile + " should be " + CONFIG);
		}
		if (!PrometheusAlertsThroughAlertmanager.RULES.equals(mounts.get("/etc/prometheus/rules"))) {
			problems.add("prometheus: /etc/prometheus/rules should be " + PrometheusAlertsThroughAlertmanager.RULES);
		}
		if (!server.command().contains("--enable-feature=exemplar-storage")) {
			problems.add("prometheus: --enable-feature=exemplar-storage is missing");
		}
		return violations(problems);
	}

}
