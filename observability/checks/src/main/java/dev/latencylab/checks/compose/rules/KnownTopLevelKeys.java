package dev.latencylab.checks.compose.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Violation;

/**
 * The top level holds only compose's own keys and {@code x-} extensions: a misspelt
 * {@code volumes:} is otherwise ignored without a word.
 */
public final class KnownTopLevelKeys implements ComposeRule {

	private static final Set<String> KNOWN = Set.of("services", "volumes", "networks", "configs", "secrets", "name",
			"include");

	@Override
	public String name() {
		return "known-top-level-keys";
	}

	@Override
	public String requirement() {
		return "the top level holds only services, volumes, networks, configs, secrets, name, include and x- keys";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		List<String> problems = new ArrayList<>();
		for (String key : compose.topLevelKeys()) {
			if (!KNOWN.contains(key) && !key.startsWith("x-")) {
				problems.add("unknown top-level key '" + key + "'");
			}
		}
		return violations(problems);
	}

}
