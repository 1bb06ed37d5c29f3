package dev.latencylab.runner.lifecycle;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

import dev.latencylab.runner.LabException;
import dev.latencylab.runner.LabState;

/**
 * {@code ./lab build}: the jars again, after a change of the code.
 */
@Command(name = "build", mixinStandardHelpOptions = true, description = { "Rebuild every jar after changing the code.",
		"./mvnw -DskipTests package; the lab must be down." })
public class Build implements Callable<Integer> {

	@Override
	public Integer call() {
		if (LabState.current().supervisor().isPresent()) {
			// a running JVM whose jar is replaced under it fails at its next class load
			throw new LabException("the lab is running from these jars: ./lab down first, then ./lab build");
		}
		Prerequisites.build(System.out);
		System.out.println("lab: built; ./lab up starts the new code");
		return 0;
	}

}
