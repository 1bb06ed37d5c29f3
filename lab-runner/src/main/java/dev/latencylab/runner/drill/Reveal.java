package dev.latencylab.runner.drill;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

import dev.latencylab.kit.BlindDrill;
import dev.latencylab.kit.Scenario;
import dev.latencylab.runner.LabState;
import dev.latencylab.runner.flags.Switches;

/**
 * {@code ./lab reveal}: the blind drill's scenario, and the names behind the opaque ids
 * that logs, traces and metrics showed; the lab names its flags again from then on.
 */
@Command(name = "reveal", mixinStandardHelpOptions = true,
		description = { "Give up on the blind drill: which scenario it was.",
				"Also which flag each opaque id (drill-...) in the logs, traces and metrics stood for. From then",
				"on the lab names its flags again." })
public class Reveal implements Callable<Integer> {

	@Override
	public Integer call() {
		LabState state = LabState.current();
		reveal(state, Drill.require(state), System.out);
		return 0;
	}

	static void reveal(LabState state, Drill drill, PrintStream out) {
		Scenario scenario = drill.scenario();
		out.printf("lab: the scenario was %s (%s, %s): %s%n", scenario.flag(), scenario.service(),
				scenario.causeClass(), scenario.mechanism());
		out.println("lab: where it shows: " + scenario.evidence());
		out.println("lab: in logs, traces and metrics of the drill:");
		for (Map.Entry<String, String> id : BlindDrill.revealed(drill.key()).entrySet()) {
			if (id.getValue().startsWith(scenario.flag())) {
				out.printf("  %s = %s%n", id.getKey(), id.getValue());
			}
		}
		out.printf("lab: next, canary its fix (%s): ./lab canary %s --percent 10, then ./lab canary %s --since 2m%n",
				scenario.fix(), scenario.fixFlag(), scenario.fixFlag());
		Switches.flags(state).serve(BlindDrill.FLAG, BlindDrill.OPEN, "");
		drill.ended().write(state);
	}

}
