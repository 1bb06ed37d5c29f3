package dev.latencylab.fraud.rules;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RulesBacktestTest {

	private final List<ScoringRule> rules = List.of(new HighAmountRule(100_000, 30, 500_000, 60),
			new VelocityRule(5, 40), new AddressMismatchRule(35, 10),
			new EmailPatternRule(List.of("mailinator.com", "yopmail.com"), 50, 6, 20));

	@Test
	void shouldScoreEveryOrderOfTheCorpusAndMostlyAllow() {
		RulesBacktest.Result result = backtest(10_000).run();

		assertThat(result.orders()).isEqualTo(10_000);
		assertThat(result.allowed() + result.reviewed() + result.denied()).isEqualTo(10_000);
		assertThat(result.allowed()).isGreaterThan(result.reviewed()).isGreaterThan(0);
		assertThat(result.denied()).isPositive();
	}

	@Test
	void shouldReplayTheSameCorpusEveryTime() {
		assertThat(backtest(5_000).run()).isEqualTo(backtest(5_000).run());
	}

	@Test
	void shouldStopReplayingWhenItsBudgetIsSpent() {
		long started = System.nanoTime();
		RulesBacktest.Result result = new RulesBacktest(this.rules, new DecisionThresholds(50, 80), Duration.ofHours(1),
				Integer.MAX_VALUE, Duration.ofMillis(300))
			.run();
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(result.orders()).isPositive().isLessThan(Integer.MAX_VALUE);
		assertThat(result.allowed() + result.reviewed() + result.denied()).isEqualTo(result.orders());
		// the budget, not the corpus, ends the run (the corpus would take hours)
		assertThat(took).isLessThan(Duration.ofSeconds(30));
	}

	private RulesBacktest backtest(int orders) {
		return new RulesBacktest(this.rules, new DecisionThresholds(50, 80), Duration.ofHours(1), orders,
				Duration.ofMinutes(10));
	}

}
