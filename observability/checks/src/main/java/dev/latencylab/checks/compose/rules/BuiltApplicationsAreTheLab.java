package dev.latencylab.checks.compose.rules;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.LabFiles;
import dev.latencylab.checks.compose.Service;
import dev.latencylab.checks.compose.Violation;

/**
 * Compose runs the lab the local lab runs: every application lab-runner knows
 * ({@code LabService}) and the diagnosis toolkit, each built from its module, and nothing
 * else built.
 */
public final class BuiltApplicationsAreTheLab implements ComposeRule {

	@Override
	public String name() {
		return "built-applications-are-the-lab";
	}

	@Override
	public String requirement() {
		return "the services built from the repository are lab-runner's applications and the toolkit";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		Set<String> modules = new LinkedHashSet<>();
		for (Service service : compose.services().values()) {
			if (service.isBuilt()) {
				modules.add(service.module());
			}
		}
		Set<String> expected = new LinkedHashSet<>(compose.lab().applicationModules());
		expected.add(LabFiles.TOOLKIT_MODULE);
		if (!modules.equals(expected)) {
			return violations(List.of("the built applications " + modules + " are not the lab's " + expected));
		}
		return List.of();
	}

}
