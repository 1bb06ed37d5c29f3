package dev.latencylab.runner.flags;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

import dev.latencylab.kit.Scenario;

/**
 * {@code ./lab scenarios}: the catalogue, which needs no running lab.
 */
@Command(name = "scenarios", mixinStandardHelpOptions = true, description = { "The latency scenarios of the catalogue.",
		"Service, cause class, mechanism and fix of each (runbooks/scenarios.md)." })
public class ScenariosCommand implements Callable<Integer> {

	@Override
	public Integer call() {
		for (Scenario scenario : Scenario.values()) {
			System.out.printf("%-26s %-18s %-20s%n    %s%n    fix (%s): %s%n", scenario.flag(), scenario.service(),
					scenario.causeClass(), scenario.mechanism(), scenario.fixFlag(), scenario.fix());
		}
		return 0;
	}

}
