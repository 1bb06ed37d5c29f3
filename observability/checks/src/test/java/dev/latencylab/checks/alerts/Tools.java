package dev.latencylab.checks.alerts;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The real {@code promtool} and {@code amtool}, run as a person runs them: a missing tool
 * fails the test, naming the Debian package that has it.
 */
final class Tools {

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	private Tools() {
	}

	/** The executable on the PATH, or a failure that says which Debian package has it. */
	static Path find(String name, String debianPackage) {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return fail("%s is not on the PATH: install the Debian package %s (apt-get install -y %s)", name, debianPackage,
				debianPackage);
	}

	/**
	 * Runs a command to its end (at most two minutes).
	 * @param directory its working directory
	 * @param command the command line
	 * @return how it ended
	 */
	static Result run(Path directory, List<String> command) throws IOException, InterruptedException {
		Path output = Files.createTempFile("prometheus-rules-test-", ".log");
		try {
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			process.getOutputStream().close();
			if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				fail("%s did not finish within %s:%n%s", String.join(" ", command), TIMEOUT, Files.readString(output));
			}
			return new Result(command, process.exitValue(), Files.readString(output));
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	/**
	 * Fails, with the command's output, unless it exited with 0.
	 * @param result how a command ended
	 */
	static void assertSucceeded(Result result) {
		assertThat(result.exitCode())
			.withFailMessage("%s exited with %d:%n%s", String.join(" ", result.command()), result.exitCode(),
					result.output())
			.isZero();
	}

	/**
	 * A finished command.
	 *
	 * @param command the command line
	 * @param exitCode its exit code
	 * @param output what it wrote, standard output and error together
	 */
	record Result(List<String> command, int exitCode, String output) {
	}

}
