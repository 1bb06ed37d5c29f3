package dev.latencylab.runner.flags;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import dev.latencylab.runner.LabState;

/**
 * {@code ./lab fault NAME on|off}.
 */
@Command(name = "fault", mixinStandardHelpOptions = true, description = { "Switch a scenario's fault on or off.",
		"E.g. ./lab fault inventory-row-lock on (./lab scenarios lists them)." })
public class FaultCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "NAME", description = "a scenario, e.g. inventory-row-lock")
	String name;

	@Parameters(index = "1", paramLabel = "on|off", description = "on or off")
	String value;

	@Override
	public Integer call() {
		Scenarios.require(this.name);
		Switches.apply(LabState.current(), this.name, Switches.parse(this.value, false), System.out);
		return 0;
	}

}
