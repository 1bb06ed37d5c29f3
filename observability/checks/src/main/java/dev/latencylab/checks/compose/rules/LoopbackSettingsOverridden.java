package dev.latencylab.checks.compose.rules;

import java.util.List;
import java.util.Map;

import dev.latencylab.checks.compose.ApplicationConfig;
import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.Service;
import dev.latencylab.checks.compose.Yamls;

/**
 * application.yml holds the local lab's defaults, where everything is on 127.0.0.1; in a
 * container the loopback is the container itself, so compose must point each such setting
 * elsewhere.
 */
public final class LoopbackSettingsOverridden extends BuiltServiceRule {

	@Override
	public String name() {
		return "loopback-settings-overridden";
	}

	@Override
	public String requirement() {
		return "every application.yml setting that names localhost or 127.0.0.1 is overridden in the environment";
	}

	@Override
	void check(ComposeFile compose, Service service, List<String> problems) {
		Map<String, String> env = service.environment();
		Map<String, String> json = Yamls.flatten("", ApplicationConfig.applicationJson(env));
		compose.applicationConfig(service).flat().forEach((key, value) -> {
			if ((value.contains("127.0.0.1") || value.contains("localhost"))
					&& !ApplicationConfig.overriddenIn(key, env) && !json.containsKey(key)) {
				String fix = env.containsKey("SPRING_APPLICATION_JSON")
						? ApplicationConfig.environmentName(key) + " or " + key + " in SPRING_APPLICATION_JSON"
						: ApplicationConfig.environmentName(key);
				problems.add(service.name() + ": " + key + "=" + value + " is not overridden (set " + fix + ")");
			}
		});
	}

}
