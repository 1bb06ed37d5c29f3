package dev.latencylab.runner.lifecycle;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine.Command;

import dev.latencylab.runner.LabProcesses;
import dev.latencylab.runner.LabState;

/**
 * {@code ./lab down}: stops everything {@code ./lab up} and {@code ./lab demo} started,
 * and checks that it is gone: no process of the lab alive, every port free. The
 * supervisor stops its parts in order; whatever is left after that (or was left by a
 * supervisor that was killed) is stopped by its recorded pid or its process group.
 */
@Command(name = "down", mixinStandardHelpOptions = true,
		description = { "Stop everything ./lab up and ./lab demo started; data stays.",
				"Works even when the lab's own process died. Then checks that no process of the lab is left and",
				"every port is free." })
public class Down implements Callable<Integer> {

	private static final Duration SUPERVISOR_STOPS_WITHIN = Duration.ofSeconds(60);

	private static final Duration PORTS_FREE_WITHIN = Duration.ofSeconds(15);

	@Override
	public Integer call() {
		return stop(LabState.current(), System.out) ? 0 : 1;
	}

	/**
	 * @param state the lab's state
	 * @param out where progress goes
	 * @return whether every process is gone and every port free
	 */
	public static boolean stop(LabState state, PrintStream out) {
		Map<String, Integer> ports = state.ports();
		Optional<ProcessHandle> supervisor = state.supervisor();
		if (supervisor.isPresent()) {
			out.println("lab: stopping (pid " + supervisor.get().pid() + ")");
			supervisor.get().destroy();
			try {
				supervisor.get().onExit().get(SUPERVISOR_STOPS_WITHIN.toSeconds(), TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				out.println("lab: still running after " + SUPERVISOR_STOPS_WITHIN.toSeconds() + " s; killing it");
			}
		}
		Map<ProcessHandle, String> left = Leftovers.of(state);
		if (!left.isEmpty()) {
			out.println("lab: stopping " + left.size() + " processes "
					+ (supervisor.isPresent() ? "still running" : "left without their supervisor") + ": "
					+ String.join(", ", left.values()));
			int killed = Leftovers.stop(left, Duration.ofSeconds(15));
			if (killed > 0) {
				out.println("lab: " + killed + " of them had to be killed");
			}
		}
		else if (supervisor.isEmpty()) {
			out.println("lab: not running");
		}
		// ports are checked only when the lab ran: after that, another program may use
		// them
		boolean clean = (supervisor.isEmpty() && left.isEmpty()) || awaitPortsFree(ports, out);
		List<ProcessHandle> survivors = List.copyOf(Leftovers.of(state).keySet());
		for (ProcessHandle survivor : survivors) {
			out.println(
					"lab: still alive: pid " + survivor.pid() + " (" + LabProcesses.commandLine(survivor.pid()) + ")");
		}
		if (clean && survivors.isEmpty()) {
			forget(state);
			if (supervisor.isPresent() || !left.isEmpty()) {
				out.println("lab: stopped; every port is free (data stays in " + state.directory() + ")");
			}
			return true;
		}
		return false;
	}

	private static boolean awaitPortsFree(Map<String, Integer> ports, PrintStream out) {
		long deadline = System.nanoTime() + PORTS_FREE_WITHIN.toNanos();
		List<String> held = held(ports);
		while (!held.isEmpty() && System.nanoTime() < deadline) {
			try {
				// a port is released a moment after its process exits: polled, nothing to
				// wait on
				TimeUnit.MILLISECONDS.sleep(250);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			held = held(ports);
		}
		held.forEach((line) -> out.println("lab: " + line));
		return held.isEmpty();
	}

	private static List<String> held(Map<String, Integer> ports) {
		List<String> held = new ArrayList<>();
		ports.forEach((part, port) -> {
			if (!LabProcesses.isFree(port)) {
				held.add("port " + port + " (" + part + ") is still taken by "
						+ LabProcesses.holder(port).orElse("an unknown process"));
			}
		});
		return held;
	}

	private static void forget(LabState state) {
		try {
			Files.deleteIfExists(state.supervisorFile());
			Files.deleteIfExists(state.readyFile());
			Files.deleteIfExists(state.pidsFile());
			Files.deleteIfExists(state.loadFile());
			Files.deleteIfExists(state.portsFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
