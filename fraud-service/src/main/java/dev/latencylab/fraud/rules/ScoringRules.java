package dev.latencylab.fraud.rules;

import java.util.List;

/**
 * Where the scorer gets the rules it applies, asked once per scored order. The seam for
 * anything that builds, reloads or caches rules.
 */
@FunctionalInterface
public interface ScoringRules {

	/**
	 * The rules to apply now, in the order their reasons are reported.
	 * @return the rules
	 */
	List<ScoringRule> current();

	/**
	 * The rules to apply to one order. A source whose behaviour can differ per order (a
	 * fault or fix rolled out to a share of orders) overrides this.
	 * @param order the order about to be scored
	 * @return the rules, by default {@link #current()}
	 */
	default List<ScoringRule> current(Order order) {
		return current();
	}

	/**
	 * Rules that never change.
	 * @param rules the rules, in reporting order
	 * @return a source that always answers them
	 */
	static ScoringRules fixed(List<ScoringRule> rules) {
		List<ScoringRule> copy = List.copyOf(rules);
		return () -> copy;
	}

}
