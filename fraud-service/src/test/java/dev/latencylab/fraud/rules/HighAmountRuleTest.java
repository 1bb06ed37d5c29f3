package dev.latencylab.fraud.rules;

import org.junit.jupiter.api.Test;

import static dev.latencylab.fraud.rules.TestOrders.noHistory;
import static dev.latencylab.fraud.rules.TestOrders.withAmount;
import static org.assertj.core.api.Assertions.assertThat;

class HighAmountRuleTest {

	private final HighAmountRule rule = new HighAmountRule(100_000, 30, 500_000, 60);

	@Test
	void shouldStaySilentBelowTheHighAmount() {
		assertThat(this.rule.evaluate(withAmount(99_999), noHistory())).isEmpty();
	}

	@Test
	void shouldAdd30PointsFromTheHighAmount() {
		assertThat(this.rule.evaluate(withAmount(100_000), noHistory())).hasValueSatisfying((reason) -> {
			assertThat(reason.rule()).isEqualTo("HIGH_AMOUNT");
			assertThat(reason.points()).isEqualTo(30);
			assertThat(reason.detail()).contains("100000");
		});
		assertThat(this.rule.evaluate(withAmount(499_999), noHistory())).map(Reason::points).hasValue(30);
	}

	@Test
	void shouldAdd60PointsInsteadOf30FromTheVeryHighAmount() {
		assertThat(this.rule.evaluate(withAmount(500_000), noHistory())).map(Reason::points).hasValue(60);
		assertThat(this.rule.evaluate(withAmount(10_000_000), noHistory())).map(Reason::points).hasValue(60);
	}

}
