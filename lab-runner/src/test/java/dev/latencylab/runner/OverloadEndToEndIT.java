package dev.latencylab.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three times the lab's knee through the gateway for a minute, as a person types it
 * ({@code ./lab load --rate 60 --duration 60}, open model: checkouts arrive at the rate
 * whatever the answers), beside the usual 4 a second: the gateway sheds the excess at
 * once (503 {@code overloaded} with {@code Retry-After}), the checkouts it admits stay
 * within the SLO, and the lab is back to normal within 30 s after. Prints the shed share,
 * the admitted figures and the time to recover (docs/reliability.md#overload).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedLab.class)
@Order(5)
class OverloadEndToEndIT {

	/**
	 * The stress simulation's knee on the lab's 2-core machine: flat to 18 checkouts a
	 * second (p99 313 ms), at 24 the median was 3.8 s (docs/reliability.md#overload).
	 */
	private static final int KNEE = 20;

	private static final int OVERLOAD_RATE = 3 * KNEE;

	private static final int OVERLOAD_SECONDS = 60;

	/** The usual load, before, during and after. */
	private static final double RATE = 4;

	/** The SLO: the checkout p99 above which CheckoutLatencySpike fires. */
	private static final double SLO_P99_MS = 2_000;

	/**
	 * Normal again: five seconds of checkouts, none shed, none failed, none over this.
	 */
	private static final double NORMAL_MAX_MS = 1_000;

	private static final Duration RECOVER_WITHIN = Duration.ofSeconds(30);

	private static final Pattern IN_ALL = Pattern.compile("load: in all (\\d+) answers: (\\d+) admitted "
			+ "\\((\\d+) ok, (\\d+) failed\\), p50 (\\d+) ms, p99 (\\d+) ms, max (\\d+) ms; (\\d+) shed");

	@Test
	void shouldShedThreeTimesTheKneeKeepWhatItAdmitsWithinTheSloAndRecover(LocalLab lab) throws Exception {
		LabClient client = new LabClient(lab);
		String shedQuery = "sum(lab_gateway_shed_total)";
		double shedBefore = await("the gateway's shed counter in Prometheus").atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.until(() -> client.prometheusValue(shedQuery), (value) -> true);
		Path folder = Files.createTempDirectory("lab-overload-");
		try (CheckoutWatch usual = new CheckoutWatch(lab, client, RATE, "overload")) {
			usual.awaitSteady(Duration.ofMinutes(3));
			LabScript script = new LabScript(
					Path.of(System.getProperty("lab.repository", "..")).toAbsolutePath().normalize(),
					folder.resolve("state"), LabPorts.free());
			String line = "./lab load --rate %d --duration %d --gateway %s".formatted(OVERLOAD_RATE, OVERLOAD_SECONDS,
					lab.url(LabService.GATEWAY));

			Process load = script.start(line);
			script.awaitOutput(load, (text) -> text.contains("checkouts a second through"), Duration.ofSeconds(60));
			long end = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(OVERLOAD_SECONDS);
			assertThat(load.waitFor(3, TimeUnit.MINUTES)).as("'%s' ended", line).isTrue();
			String output = script.output(load);
			System.out.println(output);
			assertThat(load.exitValue()).as("exit status of '%s'", line).isZero();
			long recovered = awaitNormal(usual, end);

			Matcher all = IN_ALL.matcher(output);
			assertThat(all.find()).as("the run's figures in:%n%s", output).isTrue();
			int answers = Integer.parseInt(all.group(1));
			int admitted = Integer.parseInt(all.group(2));
			int failed = Integer.parseInt(all.group(4));
			int p99 = Integer.parseInt(all.group(6));
			int shed = Integer.parseInt(all.group(8));
			double shedShare = (double) shed / answers;
			System.out.printf(
					"overload: %d checkouts/s (3 x the knee of %d/s) for %d s: shed %.1f %%, admitted %.1f/s "
							+ "with p99 %d ms, normal again %d s after%n",
					OVERLOAD_RATE, KNEE, OVERLOAD_SECONDS, 100 * shedShare, (double) admitted / OVERLOAD_SECONDS, p99,
					(recovered - end) / 1000);

			assertThat(answers).as("checkouts answered").isGreaterThan((int) (0.9 * OVERLOAD_RATE * OVERLOAD_SECONDS));
			// at least the excess over the knee, give or take
			assertThat(shedShare).as("share of checkouts shed").isGreaterThanOrEqualTo(0.4);
			assertThat((double) admitted / OVERLOAD_SECONDS).as("checkouts admitted a second")
				.isGreaterThanOrEqualTo(KNEE / 2.0);
			assertThat(p99).as("p99 of the admitted checkouts (ms)").isLessThan((int) SLO_P99_MS);
			assertThat(failed).as("admitted checkouts that failed on the lab's side (5xx or no answer)")
				.isLessThanOrEqualTo(admitted / 100);
			assertThat(recovered - end).as("overload end to normal (ms)")
				.isLessThanOrEqualTo(RECOVER_WITHIN.toMillis());
		}
		finally {
			TestFolders.delete(folder);
		}
		await("the shed checkouts in Prometheus").atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.until(() -> client.prometheusValue(shedQuery) - shedBefore, (counted) -> counted > 0);
		BusinessInvariants.assertHold(client, "three times the knee");
	}

	/**
	 * @return when the first five seconds began in which every usual checkout was
	 * admitted, answered without a failure and within {@link #NORMAL_MAX_MS}
	 */
	private static long awaitNormal(CheckoutWatch usual, long since) throws InterruptedException {
		long deadline = since + 2 * RECOVER_WITHIN.toMillis();
		for (long from = since; from < deadline; from += 1_000) {
			long to = from + 5_000;
			while (System.currentTimeMillis() < to + 2_000) {
				TimeUnit.MILLISECONDS.sleep(250);
			}
			if (usual.every(from, to, (checkout) -> checkout.ok() && checkout.millis() < NORMAL_MAX_MS)
					&& usual.latencies(from, to).n() >= 0.8 * RATE * 5) {
				return from;
			}
		}
		return deadline;
	}

}
