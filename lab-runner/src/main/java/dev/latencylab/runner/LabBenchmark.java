package dev.latencylab.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * backend. A benchmark, not a test: it prints figures and judges nothing.
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
			System.out.printf("%n%-20s %8s %10s%n", "process", "pid", "PSS (MB)");
			for (Map.Entry<String, Long> entry : lab.pids().entrySet()) {
				long rss = proportionalKilobytesWithDescendants(entry.getValue());
				total += rss;
				System.out.printf("%-20s %8d %10.0f%n", entry.getKey(), entry.getValue(), rss / 1024.0);
			}
			System.out.printf("%-20s %8s %10.0f%n", "total", "", total / 1024.0);
			System.out.printf("%ncold start to all healthy: %.1f s (%d cores, heap %s per application%s)%n", seconds,
					Runtime.getRuntime().availableProcessors(), heap,
					telemetry.describeMissing().isEmpty() ? "" : ", " + telemetry.describeMissing());
		}
		finally {
			// a throw-away lab: its logs and database (hundreds of MB) go with it
			FileSystemUtils.deleteRecursively(state);
		}
	}

	private static long proportionalKilobytesWithDescendants(long pid) {
		List<Long> pids = new ArrayList<>();
		pids.add(pid);
		ProcessHandle.of(pid).ifPresent((handle) -> handle.descendants().forEach((child) -> pids.add(child.pid())));
		return pids.stream().mapToLong(LabBenchmark::proportionalKilobytes).sum();
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
