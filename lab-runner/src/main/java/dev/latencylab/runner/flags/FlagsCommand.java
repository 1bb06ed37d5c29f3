package dev.latencylab.runner.flags;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

import dev.latencylab.kit.BlindDrill;
import dev.latencylab.kit.FlagFile;
import dev.latencylab.runner.LabState;

/**
 * {@code ./lab flags}: every flag and its state, from the lab's flags file. During a
 * blind drill the catalogue's flags are not shown.
 */
@Command(name = "flags", mixinStandardHelpOptions = true, description = { "Every flag and its state.",
		"During a blind drill the catalogue's flags are hidden until ./lab answer or ./lab reveal." })
public class FlagsCommand implements Callable<Integer> {

	@Override
	public Integer call() {
		FlagFile flags = Switches.flags(LabState.current());
		boolean blind = !flags.servedValue(BlindDrill.FLAG).isEmpty();
		int hidden = 0;
		for (FlagFile.FlagState flag : flags.list()) {
			if (BlindDrill.FLAG.equals(flag.key())) {
				continue;
			}
			if (blind && BlindDrill.hides(flag.key())) {
				hidden++;
				continue;
			}
			System.out.printf("  %-30s %s%n", flag.key(), Switches.describe(flag));
		}
		if (blind) {
			System.out.println("  (" + hidden
					+ " flags of the catalogue hidden: a blind drill runs; ./lab answer SERVICE CAUSE, or ./lab reveal)");
		}
		return 0;
	}

}
