package dev.latencylab.runner.flags;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import dev.latencylab.runner.LabState;

/**
 * {@code ./lab fix NAME on|off|N%}.
 */
@Command(name = "fix", mixinStandardHelpOptions = true,
		description = { "Switch a scenario's fix on or off, or on for a share of orders.",
				"E.g. ./lab fix inventory-row-lock 10%% (sticky per order: a canary)." })
public class FixCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "NAME", description = "a scenario, e.g. inventory-row-lock")
	String name;

	@Parameters(index = "1", paramLabel = "on|off|N%", description = "on, off, or a share such as 10%")
	String value;

	@Override
	public Integer call() {
		Scenarios.require(this.name);
		Switches.apply(LabState.current(), this.name + "-fix", Switches.parse(this.value, true), System.out);
		return 0;
	}

}
