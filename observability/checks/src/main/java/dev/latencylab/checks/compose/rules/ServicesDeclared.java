package dev.latencylab.checks.compose.rules;

import java.util.List;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Violation;

/**
 * The file declares services: every other rule would pass an empty file.
 */
public final class ServicesDeclared implements ComposeRule {

	@Override
	public String name() {
		return "services-declared";
	}

	@Override
	public String requirement() {
		return "services: declares at least one service";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		return compose.services().isEmpty() ? violations(List.of("no services")) : List.of();
	}

}
