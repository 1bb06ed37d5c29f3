package dev.latencylab.checks.compose.rules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Service;
import dev.latencylab.checks.compose.Violation;
import dev.latencylab.checks.compose.Yamls;

/**
 * The {@code grafana} service gets the repository's provisioning and dashboards, and the
 * dashboard provider reads a path that is mounted.
 */
public final class GrafanaProvisioningMounted implements ComposeRule {

	static final String PROVISIONING = "observability/grafana/provisioning";

	private static final String DASHBOARDS = "observability/grafana/dashboards";

	@Override
	public String name() {
		return "grafana-provisioning-mounted";
	}

	@Override
	public String requirement() {
		return "grafana mounts " + PROVISIONING + " at /etc/grafana/provisioning and " + DASHBOARDS
				+ " where its dashboard provider reads";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		Service grafana = compose.services().get("grafana");
		if (grafana == null) {
			return violations(List.of("no grafana service"));
		}
		List<String> problems = new ArrayList<>();
		Map<String, String> mounts = grafana.bindMounts();
		if (!PROVISIONING.equals(mounts.get("/etc/grafana/provisioning"))) {
			problems.add("grafana: /etc/grafana/provisioning should be " + PROVISIONING);
		}
		if (!mounts.containsValue(DASHBOARDS)) {
			problems.add("grafana: " + DASHBOARDS + " is not mounted");
		}
		for (Path file : ProvisioningFiles.of(compose.root().resolve(PROVISIONING).resolve("dashboards"))) {
			for (Object provider : Yamls.list(Yamls.load(Yamls.read(file)), "providers")) {
				Object path = Yamls.map(Yamls.asMap(provider), "options").get("path");
				if (path != null
						&& mounts.keySet().stream().noneMatch((target) -> String.valueOf(path).startsWith(target))) {
					problems.add(file.getFileName() + ": dashboard path " + path + " is not mounted; mounts are "
							+ mounts.keySet());
				}
			}
		}
		return violations(problems);
	}

}
