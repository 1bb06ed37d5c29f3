package dev.latencylab.runner.drill;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.latencylab.kit.BlindDrill;
import dev.latencylab.kit.Scenario;
import dev.latencylab.runner.LabException;
import dev.latencylab.runner.LabMain;
import dev.latencylab.runner.LabProcesses;
import dev.latencylab.runner.LabState;
import dev.latencylab.runner.flags.Scenarios;
import dev.latencylab.runner.flags.Switches;
import dev.latencylab.runner.lifecycle.Up;

/**
 * {@code ./lab demo}: the lab up, one scenario on (named, or picked at random and hidden)
 * and steady checkouts in the background: the spike to find.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
		description = { "A scenario on under background load: the spike to find (--blind: hidden).",
				"Starts the lab if it is down, switches one scenario on (every other flag off) and drives steady",
				"checkouts through the gateway in the background (./lab logs load). With --blind the scenario is",
				"picked at random and nothing you look at names it: find it (runbooks/find-the-spike.md), then",
				"./lab answer SERVICE CAUSE." })
public class Demo implements Callable<Integer> {

	@ArgGroup(exclusive = true, multiplicity = "1")
	Which which;

	@Option(names = "--rate", defaultValue = "4", description = "checkouts per second (default ${DEFAULT-VALUE})")
	double rate;

	@Option(names = "--duration", defaultValue = "1800",
			description = "seconds of background load (default ${DEFAULT-VALUE})")
	long duration;

	@Override
	public Integer call() throws IOException {
		if (!(this.rate > 0 && this.rate <= 50) || this.duration <= 0 || this.duration > 24 * 3600) {
			throw new LabException("--rate takes (0, 50] checkouts a second, --duration (0, 86400] seconds");
		}
		LabState state = LabState.current();
		PrintStream out = System.out;
		Scenario scenario = this.which.blind ? randomScenario() : Scenarios.require(this.which.scenario);
		Up.start(state, out);
		String key = this.which.blind ? HexFormat.of().formatHex(new SecureRandom().generateSeed(16)) : "";
		// one write: every fault and fix off, this fault on, the drill's key
		Switches.flags(state).edit((flags) -> {
			for (Scenario each : Scenario.values()) {
				flags.set(each.flag(), "off").set(each.fixFlag(), "off");
				each.badFixFlag().ifPresent((badFix) -> flags.set(badFix, "off"));
			}
			flags.set(scenario.flag(), "on");
			flags.serve(BlindDrill.FLAG, this.which.blind ? BlindDrill.BLIND : BlindDrill.OPEN, key);
		});
		if (this.which.blind) {
			Drill.start(key, scenario).write(state);
			out.println("lab: a scenario picked at random is on; nothing the lab shows names it");
		}
		else {
			Files.deleteIfExists(state.drillFile());
			out.println("lab: " + scenario.flag() + " is on: " + scenario.mechanism());
		}
		// blind: asking a service about the scenario's flag by name would write the name
		// into its traces; the drill's key comes in the same write as the fault
		if (this.which.blind) {
			Switches.awaitPickedUp(state, BlindDrill.FLAG, BlindDrill.BLIND, out);
		}
		else {
			Switches.awaitPickedUp(state, scenario.flag(), "on", out);
		}
		startLoad(state, out);
		out.println("lab: checkout's p99 should spike within a minute; follow runbooks/find-the-spike.md");
		out.println("lab: the alert: " + state.urls().get("prometheus") + "/alerts; the toolkit's reports: "
				+ state.urls().get("toolkit") + "/reports");
		if (this.which.blind) {
			out.println("lab: when you know: ./lab answer SERVICE CAUSE (./lab answer --help lists the causes)");
		}
		return 0;
	}

	private void startLoad(LabState state, PrintStream out) throws IOException {
		for (LabState.Record old : LabState.records(state.loadFile())) {
			old.alive().ifPresent((process) -> LabProcesses.stop(List.of(process), Duration.ofSeconds(10)));
		}
		Files.createDirectories(state.logs());
		List<String> command = new ArrayList<>();
		// its own session, like the lab's supervisor: the load goes on when this terminal
		// closes
		if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
			command.add("/usr/bin/setsid");
		}
		command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
				"-Dlab.repository=" + LabMain.repository(), "-Dlab.state=" + state.directory(), "-jar",
				LabMain.jar().toString(), "load", "--rate", String.valueOf(this.rate), "--duration",
				String.valueOf(this.duration)));
		Process load = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(state.log("load").toFile())
			.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
			.start();
		LabState.write(state.loadFile(), List.of(LabState.Record.of("load", load.toHandle())));
		out.printf("lab: background load: %s checkouts a second for %d s (pid %d; ./lab logs load)%n", this.rate,
				this.duration, load.pid());
	}

	private static Scenario randomScenario() {
		Scenario[] all = Scenario.values();
		return all[new SecureRandom().nextInt(all.length)];
	}

	static class Which {

		@Option(names = "--scenario", paramLabel = "NAME", required = true,
				description = "the scenario to switch on (./lab scenarios)")
		String scenario;

		@Option(names = "--blind", required = true, description = "a scenario picked at random, and hidden")
		boolean blind;

	}

}
