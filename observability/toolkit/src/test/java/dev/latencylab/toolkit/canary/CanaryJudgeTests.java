package dev.latencylab.toolkit.canary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.latencylab.toolkit.ToolkitProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canary's verdict on cohorts shaped like the lab's: checkouts of about 80 ms with a
 * long tail, some of them seconds slow while a fault is on.
 */
class CanaryJudgeTests {

	private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

	private final CanaryJudge judge = new CanaryJudge(
			new ToolkitProperties.Canary(50, 0.01, 0.10, Duration.ofMillis(20), 0.01, 5000, Duration.ofMinutes(15)),
			Clock.fixed(NOW, java.time.ZoneOffset.UTC));

	private final SplittableRandom random = new SplittableRandom(42);

	@Test
	void shouldPromoteAFixThatTakesTheSpikesAway() {
		Cohort fix = cohort("on", 60, 0, 0, 0);
		Cohort control = cohort("off", 400, 0.05, 0, 0);

		CanaryVerdict verdict = this.judge.judge("inventory-slow-query-fix", fix, control, List.of());

		assertThat(verdict.decision()).as(verdict.reasons().toString()).isEqualTo(CanaryVerdict.Decision.PROMOTE);
		assertThat(verdict.control().p99()).isGreaterThan(4_000);
		assertThat(verdict.fix().p99()).isLessThan(1_000);
		assertThat(verdict.latencyPValue()).as("no sign of the fix being slower").isGreaterThan(0.05);
	}

	@Test
	void shouldPromoteAFixThatChangesNothingMeasurable() {
		CanaryVerdict verdict = this.judge.judge("inventory-slow-query-fix", cohort("on", 200, 0, 0, 0),
				cohort("off", 200, 0, 0, 0), List.of());

		assertThat(verdict.decision()).isEqualTo(CanaryVerdict.Decision.PROMOTE);
	}

	@Test
	void shouldRollBackAFixThatMakesEveryRequestSlower() {
		CanaryVerdict verdict = this.judge.judge("a-fix", cohort("on", 100, 0, 0, 60), cohort("off", 100, 0, 0, 0),
				List.of());

		assertThat(verdict.decision()).as(verdict.reasons().toString()).isEqualTo(CanaryVerdict.Decision.ROLLBACK);
		assertThat(verdict.latencyPValue()).isLessThan(0.01);
		assertThat(verdict.reasons().get(0)).startsWith("the fix's cohort is slower");
	}

	@Test
	void shouldNotRollBackASignificantShiftWithinTheTolerance() {
		// 5 ms slower on every request: real, measurable with 3000 requests, and harmless
		CanaryVerdict verdict = this.judge.judge("a-fix", cohort("on", 3000, 0, 0, 5), cohort("off", 3000, 0, 0, 0),
				List.of());

		assertThat(verdict.latencyPValue()).isLessThan(0.01);
		assertThat(verdict.decision()).isEqualTo(CanaryVerdict.Decision.PROMOTE);
	}

	@Test
	void shouldRollBackAFixThatFailsMoreOften() {
		CanaryVerdict verdict = this.judge.judge("payment-slow-network-badfix", cohort("on", 100, 0, 0.4, 0),
				cohort("off", 100, 0, 0, 0), List.of());

		assertThat(verdict.decision()).isEqualTo(CanaryVerdict.Decision.ROLLBACK);
		assertThat(verdict.fix().errorRatio()).isGreaterThan(0.3);
		assertThat(verdict.errorPValue()).isLessThan(0.01);
	}

	@Test
	void shouldSayNothingOnTooLittleTraffic() {
		CanaryVerdict verdict = this.judge.judge("a-fix", cohort("on", 12, 0, 0.5, 0), cohort("off", 300, 0, 0, 0),
				List.of());

		assertThat(verdict.decision()).isEqualTo(CanaryVerdict.Decision.INCONCLUSIVE);
		assertThat(verdict.reasons().get(0)).contains("12 requests with the fix").contains("needs 50");
		assertThat(verdict.latencyPValue()).as("not compared").isNull();
	}

	/**
	 * @param spikes share of requests that take 5 s (a fault)
	 * @param errors share of requests that fail
	 * @param extraMillis added to every request
	 */
	private Cohort cohort(String variant, int size, double spikes, double errors, double extraMillis) {
		List<Cohort.Request> requests = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			// log-normal around 80 ms
			double millis = 80 * Math.exp(0.3 * gaussian()) + extraMillis;
			if (this.random.nextDouble() < spikes) {
				millis += 5_000;
			}
			requests.add(new Cohort.Request("t" + i, millis, this.random.nextDouble() < errors));
		}
		return new Cohort(variant, requests, NOW.minusSeconds(180), NOW);
	}

	private double gaussian() {
		double u = 1 - this.random.nextDouble();
		double v = this.random.nextDouble();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

}
