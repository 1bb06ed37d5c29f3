package dev.latencylab.fraud.rules;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static dev.latencylab.fraud.rules.TestOrders.BERLIN;
import static dev.latencylab.fraud.rules.TestOrders.berlinWith;
import static dev.latencylab.fraud.rules.TestOrders.noHistory;
import static dev.latencylab.fraud.rules.TestOrders.order;
import static dev.latencylab.fraud.rules.TestOrders.ordersInLastHour;
import static dev.latencylab.fraud.rules.TestOrders.withAmount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class FraudScorerTest {

	// the contract's rule table
	private final FraudScorer scorer = new FraudScorer(
			ScoringRules.fixed(List.of(new HighAmountRule(100_000, 30, 500_000, 60), new VelocityRule(5, 40),
					new AddressMismatchRule(35, 10), new EmailPatternRule(List.of("mailinator.com"), 50, 6, 20))),
			new DecisionThresholds(50, 80));

	@Test
	void shouldAllowAnOrdinaryOrderWithNoReasons() {
		Order order = order();

		Assessment assessment = this.scorer.score(order, noHistory());

		assertThat(assessment.orderId()).isEqualTo(order.orderId());
		assertThat(assessment.customerId()).isEqualTo("customer-1");
		assertThat(assessment.decision()).isEqualTo(Decision.ALLOW);
		assertThat(assessment.score()).isZero();
		assertThat(assessment.reasons()).isEmpty();
	}

	@Test
	void shouldReviewAVeryHighAmount() {
		Assessment assessment = this.scorer.score(withAmount(500_000), noHistory());

		assertThat(assessment.decision()).isEqualTo(Decision.REVIEW);
		assertThat(assessment.score()).isEqualTo(60);
	}

	@Test
	void shouldDenyADisposableEmailWithAForeignBillingAddressWhateverTheAmount() {
		Order order = new Order(UUID.randomUUID(), "customer-1", "jane@mailinator.com", 1, BERLIN,
				berlinWith("10117", "NL"));

		Assessment assessment = this.scorer.score(order, noHistory());

		assertThat(assessment.decision()).isEqualTo(Decision.DENY);
		assertThat(assessment.score()).isEqualTo(85);
		assertThat(assessment.reasons()).extracting(Reason::rule).containsExactly("ADDRESS_MISMATCH", "EMAIL_PATTERN");
	}

	@Test
	void shouldSumEveryRuleThatFiresInRuleOrder() {
		Order order = new Order(UUID.randomUUID(), "customer-1", "jane123456@example.com", 100_000, BERLIN,
				berlinWith("80331", "DE"));

		Assessment assessment = this.scorer.score(order, ordersInLastHour(5));

		assertThat(assessment.reasons()).extracting(Reason::rule, Reason::points)
			.containsExactly(tuple("HIGH_AMOUNT", 30), tuple("VELOCITY", 40), tuple("ADDRESS_MISMATCH", 10),
					tuple("EMAIL_PATTERN", 20));
		assertThat(assessment.score()).isEqualTo(100);
		assertThat(assessment.decision()).isEqualTo(Decision.DENY);
	}

	@Test
	void shouldAskTheRuleSourceForItsRulesOnEveryScore() {
		List<List<ScoringRule>> answers = List.of(List.of(), List.of(new VelocityRule(0, 7)));
		int[] calls = { 0 };
		FraudScorer scorer = new FraudScorer(() -> answers.get(calls[0]++), new DecisionThresholds(50, 80));

		int first = scorer.score(order(), noHistory()).score();
		int second = scorer.score(order(), noHistory()).score();

		assertThat(first).isZero();
		assertThat(second).isEqualTo(7);
	}

}
