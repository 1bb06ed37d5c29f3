package dev.latencylab.payment.fault;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pauses of {@code payment-gc-pause}, measured in a JVM of their own with the heap
 * and collector the lab gives payment-service ({@link #LAB_GC_OPTIONS}): the unbounded
 * cache ends in a full collection of more than a second, the bounded cache of the fix
 * never pauses that long. Drives {@link RiskProfileGcBenchmark} faster than the lab's
 * load, so that a cycle takes seconds rather than half a minute.
 */
class RiskProfileGcTests {

	/** The JVM options the local lab gives payment-service (README, "Faults"). */
	static final List<String> LAB_GC_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms2g", "-Xmx2g", "-Xmn64m");

	private static final Pattern SUMMARY = Pattern.compile("max-pause-ms=(\\d+) full-gcs=(\\d+)");

	@Test
	void shouldStopTheWorldForMoreThanASecondWithTheUnboundedCache() throws Exception {
		// up to 90 s: the first cycle is slower where touching fresh memory is slow (it
		// took 30 s on a virtual machine whose page faults cost ~4 s per GB)
		Result result = benchmark("fault-once", "30", "90");

		assertThat(result.fullCollections()).as(result.output()).isGreaterThanOrEqualTo(1);
		assertThat(result.maxPauseMillis()).as(result.output()).isGreaterThan(1_000);
	}

	@Test
	void shouldKeepPausesShortWithTheBoundedCache() throws Exception {
		Result result = benchmark("fix", "30", "8");

		assertThat(result.maxPauseMillis()).as(result.output()).isLessThan(1_000);
	}

	private static Result benchmark(String mode, String rate, String seconds) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(LAB_GC_OPTIONS);
		command.add("-cp");
		// the benchmark is a test class; what it drives is the service's
		command.add(Path.of("target", "test-classes").toAbsolutePath() + File.pathSeparator
				+ Path.of("target", "classes").toAbsolutePath());
		command.add(RiskProfileGcBenchmark.class.getName());
		command.addAll(List.of(mode, rate, seconds, "400000", "2"));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output;
		try {
			output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(150, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			process.destroyForcibly();
		}
		Matcher summary = SUMMARY.matcher(output);
		assertThat(summary.find()).as(output).isTrue();
		return new Result(Long.parseLong(summary.group(1)), Integer.parseInt(summary.group(2)), output);
	}

	private record Result(long maxPauseMillis, int fullCollections, String output) {
	}

}
