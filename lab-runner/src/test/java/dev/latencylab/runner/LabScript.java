package dev.latencylab.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code ./lab} script, run as a person types it: each command line through
 * bash, in the repository, with the lab's state in a fresh folder and its ports chosen
 * free at run time. Remembers every line it ran, so that a test can tell which documented
 * commands were tried.
 */
final class LabScript {

	private final Path repository;

	private final Path state;

	private final Map<String, String> environment = new LinkedHashMap<>();

	private final Set<String> ran = new LinkedHashSet<>();

	private final List<Process> background = new ArrayList<>();

	private final Map<Process, Path> outputs = new LinkedHashMap<>();

	private int runs;

	LabScript(Path repository, Path state, LabPorts ports) {
		this.repository = repository;
		this.state = state;
		this.environment.put("LAB_STATE", state.toString());
		for (LabService service : LabService.values()) {
			this.environment.put("LAB_" + service.name() + "_PORT", String.valueOf(ports.port(service)));
		}
		for (LabTool tool : LabTool.values()) {
			this.environment.put("LAB_" + tool.name() + "_PORT", String.valueOf(ports.port(tool)));
		}
		this.environment.put("LAB_POSTGRES_PORT", String.valueOf(ports.postgres()));
	}

	Path state() {
		return this.state;
	}

	/**
	 * @return every command line run so far, as typed
	 */
	Set<String> ran() {
		return this.ran;
	}

	/**
	 * Runs a command line to its end.
	 * @param line what a person types, e.g. {@code ./lab fault inventory-row-lock on}
	 * @param within how long it may take
	 * @return its exit status and output
	 */
	Run run(String line, Duration within) {
		Process process = start(line);
		try {
			if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				throw new AssertionError(
						"'" + line + "' did not finish within " + within.toSeconds() + " s:\n" + output(process));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
		Run run = new Run(line, process.exitValue(), output(process));
		System.out.printf("lab-script: $ %s  (exit %d)%n%s%n", line, run.exit(), run.output().indent(4));
		return run;
	}

	/**
	 * Runs a command line that must succeed.
	 */
	Run ok(String line, Duration within) {
		Run run = run(line, within);
		assertThat(run.exit()).as("exit status of '%s':%n%s", line, run.output()).isZero();
		return run;
	}

	/**
	 * Starts a command line in the background (a load, a followed log); stopped by
	 * {@link #stopBackground()} if it has not ended by then.
	 */
	Process start(String line) {
		this.ran.add(line);
		try {
			Path output = Files.createTempFile(this.state.getParent(), "lab-script-" + (++this.runs) + "-", ".out");
			ProcessBuilder builder = new ProcessBuilder("bash", "-c", line).directory(this.repository.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
			builder.environment().putAll(this.environment);
			Process process = builder.start();
			this.outputs.put(process, output);
			this.background.add(process);
			return process;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Waits until a background command's output shows something, then stops it.
	 * @return the output so far
	 */
	String awaitOutput(Process process, Predicate<String> shows, Duration within) {
		long deadline = System.nanoTime() + within.toNanos();
		while (!shows.test(output(process)) && System.nanoTime() < deadline && process.isAlive()) {
			pause();
		}
		return output(process);
	}

	String output(Process process) {
		try {
			return Files.readString(this.outputs.get(process));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Stops what still runs in the background, with its children.
	 */
	void stopBackground() {
		for (Process process : this.background) {
			process.descendants().forEach(ProcessHandle::destroy);
			process.destroy();
		}
		this.background.clear();
	}

	private static void pause() {
		try {
			TimeUnit.MILLISECONDS.sleep(500);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/**
	 * @param line the command line
	 * @param exit its exit status
	 * @param output what it printed (stdout and stderr)
	 */
	record Run(String line, int exit, String output) {
	}

}
