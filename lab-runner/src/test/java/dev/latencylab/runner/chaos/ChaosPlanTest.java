package dev.latencylab.runner.chaos;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What {@code ./lab chaos} does and when: the same seed, the same run; every part killed
 * once in each five minutes, PostgreSQL restarted once, a scenario switched on; nothing
 * in the first seconds or the last ones.
 */
class ChaosPlanTest {

	private static final List<String> PARTS = List.of("gateway", "checkout-service", "inventory-service",
			"payment-service", "fraud-service");

	private static final List<String> SCENARIOS = List.of("inventory-slow-query", "payment-gc-pause",
			"fraud-lock-contention");

	@Test
	void shouldKillEveryPartAndRestartPostgresOnceInFiveMinutes() {
		ChaosPlan plan = ChaosPlan.of(7, Duration.ofMinutes(5), PARTS, SCENARIOS);

		assertThat(plan.steps()).filteredOn((step) -> step.action() == ChaosPlan.Action.KILL)
			.extracting(ChaosPlan.Step::target)
			.containsExactlyInAnyOrderElementsOf(PARTS);
		assertThat(plan.count(ChaosPlan.Action.RESTART_POSTGRES)).isOne();
		assertThat(plan.count(ChaosPlan.Action.SCENARIO)).isOne();
		assertThat(plan.steps()).extracting(ChaosPlan.Step::at)
			.isSorted()
			.allSatisfy((at) -> assertThat(at).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(255)));
	}

	@Test
	void shouldMakeTheSameRunFromTheSameSeedAndAnotherFromAnother() {
		ChaosPlan once = ChaosPlan.of(7, Duration.ofMinutes(10), PARTS, SCENARIOS);

		assertThat(ChaosPlan.of(7, Duration.ofMinutes(10), PARTS, SCENARIOS)).isEqualTo(once);
		assertThat(ChaosPlan.of(8, Duration.ofMinutes(10), PARTS, SCENARIOS).steps()).isNotEqualTo(once.steps());
	}

	@Test
	void shouldKillEachPartOnceInEveryFiveMinutesOfALongerRun() {
		ChaosPlan plan = ChaosPlan.of(42, Duration.ofMinutes(10), PARTS, SCENARIOS);

		assertThat(plan.count(ChaosPlan.Action.KILL)).isEqualTo(10);
		assertThat(plan.count(ChaosPlan.Action.RESTART_POSTGRES)).isEqualTo(2);
		assertThat(plan.steps()).extracting(ChaosPlan.Step::at)
			.isSorted()
			.allSatisfy((at) -> assertThat(at).isLessThanOrEqualTo(Duration.ofMinutes(10).minusSeconds(45)));
		// steps far enough apart for a JVM to start between two kills of the same kind
		List<Duration> at = plan.steps().stream().map(ChaosPlan.Step::at).toList();
		for (int i = 1; i < at.size(); i++) {
			assertThat(at.get(i).minus(at.get(i - 1))).isGreaterThan(Duration.ofSeconds(15));
		}
	}

	@Test
	void shouldDoSomethingInAShortRunAndRefuseAnEndlessOne() {
		assertThat(ChaosPlan.of(1, Duration.ofMinutes(1), PARTS, SCENARIOS).steps()).isNotEmpty();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChaosPlan.of(1, Duration.ofMinutes(61), PARTS, SCENARIOS));
		assertThatIllegalArgumentException().isThrownBy(() -> ChaosPlan.of(1, Duration.ZERO, PARTS, SCENARIOS));
	}

}
