package dev.latencylab.fraud.rules;

import java.util.Optional;

import dev.latencylab.fraud.history.CustomerHistory;

/**
 * One fraud rule: looks at an order and the customer's history and either adds points,
 * with a reason, or stays silent.
 */
public interface ScoringRule {

	/**
	 * The name the rule's reasons carry, e.g. {@code VELOCITY}.
	 * @return the rule name
	 */
	String name();

	/**
	 * Scores one order.
	 * @param order the order being scored
	 * @param history the customer's earlier orders
	 * @return the reason with the points this rule adds, or empty when it adds none
	 */
	Optional<Reason> evaluate(Order order, CustomerHistory history);

}
