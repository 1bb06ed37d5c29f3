package dev.latencylab.fraud.rules;

import java.util.ArrayList;
import java.util.List;

import dev.latencylab.fraud.history.CustomerHistory;

/**
 * Applies every rule to an order, sums their points and decides.
 */
public class FraudScorer {

	private final ScoringRules rules;

	private final DecisionThresholds thresholds;

	public FraudScorer(ScoringRules rules, DecisionThresholds thresholds) {
		this.rules = rules;
		this.thresholds = thresholds;
	}

	/**
	 * Scores one order.
	 * @param order the order
	 * @param history the customer's earlier orders
	 * @return the assessment, with one reason per rule that added points
	 */
	public Assessment score(Order order, CustomerHistory history) {
		List<Reason> reasons = new ArrayList<>();
		int score = 0;
		for (ScoringRule rule : this.rules.current(order)) {
			Reason reason = rule.evaluate(order, history).orElse(null);
			if (reason != null) {
				reasons.add(reason);
				score += reason.points();
			}
		}
		return new Assessment(order.orderId(), order.customerId(), this.thresholds.decide(score), score, reasons);
	}

}
