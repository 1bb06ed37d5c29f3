package dev.latencylab.runner.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.latencylab.runner.LabProcesses;
import dev.latencylab.runner.LabState;

/**
 * Every process of a lab that is still alive, found two ways: by the pids the lab
 * recorded (with their start times), and by the supervisor's process group (every part
 * started in it), so that nothing escapes when the supervisor died before it could record
 * a part, or was killed with {@code kill -9}.
 */
final class Leftovers {

	private Leftovers() {
	}

	/**
	 * @param state the lab's state
	 * @return each living process of the lab, with the name of its part where known
	 */
	static Map<ProcessHandle, String> of(LabState state) {
		Map<ProcessHandle, String> alive = new LinkedHashMap<>();
		List<LabState.Record> records = new ArrayList<>(LabState.records(state.supervisorFile()));
		records.addAll(LabState.records(state.pidsFile()));
		records.addAll(LabState.records(state.loadFile()));
		for (LabState.Record record : records) {
			record.alive().ifPresent((process) -> alive.putIfAbsent(process, record.name()));
		}
		// PostgreSQL puts itself in a session of its own; its pid file names it even when
		// the lab died before it could record it
		postmaster(state).ifPresent((postmaster) -> alive.putIfAbsent(postmaster, "postgresql"));
		for (LabState.Record supervisor : LabState.records(state.supervisorFile())) {
			for (ProcessHandle member : LabProcesses.inGroup(supervisor.pid(), state.directory().toString())) {
				alive.putIfAbsent(member, "pid " + member.pid());
			}
		}
		return alive;
	}

	private static Optional<ProcessHandle> postmaster(LabState state) {
		Path pidFile = state.directory().resolve("postgres").resolve("postmaster.pid");
		try {
			long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
			return ProcessHandle.of(pid)
				.filter(ProcessHandle::isAlive)
				.filter((process) -> LabProcesses.commandLine(pid).contains(state.directory().toString()));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Stops them: SIGTERM, then SIGKILL after the grace time.
	 * @param processes what to stop
	 * @param grace how long they may take
	 * @return how many had to be killed
	 */
	static int stop(Map<ProcessHandle, String> processes, Duration grace) {
		return LabProcesses.stop(List.copyOf(processes.keySet()), grace);
	}

}
