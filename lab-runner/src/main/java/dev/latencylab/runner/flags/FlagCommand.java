package dev.latencylab.runner.flags;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import dev.latencylab.runner.LabState;

/**
 * {@code ./lab flag FLAG on|off|N%}: any flag of the flags file.
 */
@Command(name = "flag", mixinStandardHelpOptions = true,
		description = { "Switch any flag on or off, or on for a share of orders.",
				"E.g. ./lab flag checkout-resilience on (timeouts, breakers, fallbacks); ./lab flags lists them." })
public class FlagCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "FLAG", description = "a flag, e.g. checkout-resilience")
	String flag;

	@Parameters(index = "1", paramLabel = "on|off|N%", description = "on, off, or a share of orders such as 10%")
	String value;

	@Override
	public Integer call() {
		Switches.apply(LabState.current(), this.flag, Switches.parse(this.value, true), System.out);
		return 0;
	}

}
