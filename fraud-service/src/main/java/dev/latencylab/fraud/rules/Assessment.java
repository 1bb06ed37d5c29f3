package dev.latencylab.fraud.rules;

import java.util.List;
import java.util.UUID;

/**
 * The outcome of scoring one order, as stored and as answered.
 *
 * @param orderId the order
 * @param customerId who placed it
 * @param decision what to do with it
 * @param score the sum of the reasons' points
 * @param reasons the rules that added points, in rule order
 */
public record Assessment(UUID orderId, String customerId, Decision decision, int score, List<Reason> reasons) {

	public Assessment {
		reasons = List.copyOf(reasons);
	}

}
