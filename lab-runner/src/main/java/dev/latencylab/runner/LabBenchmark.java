package dev.latencylab.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.util.FileSystemUtils;

/**
 * {@code ./lab bench}: the lab's cold start time to all-healthy and the memory of all its
 * processes (PostgreSQL's backends included), on this machine, printed as a table. Memory
 * is the proportional set size (PSS): resident memory with shared pages split between the
 * processes sharing them, so PostgreSQL's shared buffers count once, not once per
 * backend. Beside it, the CPU time each process (and its living children) spent up to
 * ready: on two cores the parts starting together share the CPU, so that a part's CPU
 * time, not its own start time, says what it costs the others. A benchmark, not a test:
 * it prints figures and judges nothing.
 */
public final class LabBenchmark {

	private LabBenchmark() {
	}

	/**
	 * Starts a throw-away lab, prints its start time and memory, and stops it.
	 * @param repository the repository root
	 * @param tools where the agent and Zipkin jars are
	 * @param heap the maximum heap of each application
	 * @param telemetry which instruments the applications run with
	 * @throws IOException when the temporary state directory cannot be made
	 */
	public static void run(Path repository, Path tools, String heap, Telemetry telemetry) throws IOException {
		Path state = Files.createTempDirectory("lab-bench-");
		long started = System.nanoTime();
		try (LocalLab lab = LocalLab.start(
				new LocalLab.Settings(repository, tools, state, LabPorts.free(), false, heap, telemetry),
				(line) -> System.out.println("bench: " + line))) {
			double seconds = (System.nanoTime() - started) / 1e9;
			long total = 0;
			long totalCpu = 0;
			System.out.printf("%n%-20s %8s %10s %8s%n", "process", "pid", "PSS (MB)", "CPU (s)");
			for (Map.Entry<String, Long> entry : lab.pids().entrySet()) {
				List<Long> pids = withDescendants(entry.getValue());
				long pss = pids.stream().mapToLong(LabBenchmark::proportionalKilobytes).sum();
				long cpu = pids.stream().mapToLong(LabBenchmark::cpuMillis).sum();
				total += pss;
				totalCpu += cpu;
				System.out.printf("%-20s %8d %10.0f %8.1f%n", entry.getKey(), entry.getValue(), pss / 1024.0,
						cpu / 1000.0);
			}
			System.out.printf("%-20s %8s %10.0f %8.1f%n", "total", "", total / 1024.0, totalCpu / 1000.0);
			System.out.printf("%ncold start to all healthy: %.1f s (%d cores, heap %s per application%s)%n", seconds,
					Runtime.getRuntime().availableProcessors(), heap,
					telemetry.describeMissing().isEmpty() ? "" : ", " + telemetry.describeMissing());
		}
		finally {
			// a throw-away lab: its logs and database (hundreds of MB) go with it
			FileSystemUtils.deleteRecursively(state);
		}
	}

	private static List<Long> withDescendants(long pid) {
		List<Long> pids = new ArrayList<>();
		pids.add(pid);
		ProcessHandle.of(pid).ifPresent((handle) -> handle.descendants().forEach((child) -> pids.add(child.pid())));
		return pids;
	}

	/** User and system time, from the process's own counter; 0 for one that is gone. */
	private static long cpuMillis(long pid) {
		return LabProcesses.cpuTime(pid).map(Duration::toMillis).orElse(0L);
	}

	private static long proportionalKilobytes(long pid) {
		try (Stream<String> lines = Files.lines(Path.of("/proc", String.valueOf(pid), "smaps_rollup"))) {
			return lines.filter((line) -> line.startsWith("Pss:"))
				.map((line) -> line.replaceAll("[^0-9]", ""))
				.mapToLong(Long::parseLong)
				.findFirst()
				.orElse(0);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

}
