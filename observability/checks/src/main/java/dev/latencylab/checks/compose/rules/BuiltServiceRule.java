package dev.latencylab.checks.compose.rules;

import java.util.ArrayList;
import java.util.List;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Service;
import dev.latencylab.checks.compose.Violation;

/**
 * A rule that every service built from the repository must follow, checked one service at
 * a time in the compose file's order.
 */
abstract class BuiltServiceRule implements ComposeRule {

	@Override
	public final List<Violation> check(ComposeFile compose) {
		List<String> problems = new ArrayList<>();
		for (Service service : compose.services().values()) {
			if (service.isBuilt()) {
				check(compose, service, problems);
			}
		}
		return violations(problems);
	}

	/**
	 * @param compose a compose file
	 * @param service one of its built services
	 * @param problems where to add what breaks the rule
	 */
	abstract void check(ComposeFile compose, Service service, List<String> problems);

}
