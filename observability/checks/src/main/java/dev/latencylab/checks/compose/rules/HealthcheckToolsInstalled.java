package dev.latencylab.checks.compose.rules;

import java.util.List;
import java.util.regex.Pattern;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Violation;

/**
 * The built applications' health checks call curl, which a JRE image does not have: the
 * runtime stage must install it, or every application stays unhealthy.
 */
public final class HealthcheckToolsInstalled implements ComposeRule {

	private static final Pattern INSTALLS_CURL = Pattern.compile("apt-get install[^\\n]*\\n?[^\\n]*\\bcurl\\b");

	@Override
	public String name() {
		return "healthcheck-tools-installed";
	}

	@Override
	public String requirement() {
		return "when a built application's health check runs curl, docker/Dockerfile's runtime stage installs it";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		boolean curlChecks = compose.services()
			.values()
			.stream()
			.filter((service) -> service.isBuilt())
			.anyMatch((service) -> service.healthTest().contains("curl"));
		String runtime = Dockerfiles.runtimeStage(compose.lab().dockerfile());
		if (curlChecks && !INSTALLS_CURL.matcher(runtime).find()) {
			return violations(List.of("health checks use curl but the runtime stage does not install it"));
		}
		return List.of();
	}

}
