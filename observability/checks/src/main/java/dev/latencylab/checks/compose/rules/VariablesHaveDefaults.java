package dev.latencylab.checks.compose.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Violation;

/**
 * Every variable has a default, so that {@code docker compose up} needs no {@code .env}
 * file.
 */
public final class VariablesHaveDefaults implements ComposeRule {

	@Override
	public String name() {
		return "variables-have-defaults";
	}

	@Override
	public String requirement() {
		return "every ${VARIABLE} has a default (${VARIABLE:-value}), so that nothing needs to be set";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		List<String> problems = new ArrayList<>();
		Matcher matcher = ComposeFile.VARIABLE.matcher(compose.text().replace("$$", ""));
		while (matcher.find()) {
			if (matcher.group(2) == null || !matcher.group(2).endsWith("-")) {
				problems.add("variable without a default: " + matcher.group());
			}
		}
		return violations(problems);
	}

}
