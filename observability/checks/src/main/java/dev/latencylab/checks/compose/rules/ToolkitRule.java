package dev.latencylab.checks.compose.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Violation;

/**
 * A rule about the diagnosis toolkit's service: without a toolkit it reports
 * {@link Toolkit#MISSING}, with one it checks it.
 */
abstract class ToolkitRule implements ComposeRule {

	@Override
	public final List<Violation> check(ComposeFile compose) {
		Optional<Toolkit> toolkit = Toolkit.of(compose);
		if (toolkit.isEmpty()) {
			return violations(List.of(Toolkit.MISSING));
		}
		List<String> problems = new ArrayList<>();
		check(compose, toolkit.get(), problems);
		return violations(problems);
	}

	/**
	 * @param compose a compose file
	 * @param toolkit its toolkit
	 * @param problems where to add what breaks the rule
	 */
	abstract void check(ComposeFile compose, Toolkit toolkit, List<String> problems);

}
