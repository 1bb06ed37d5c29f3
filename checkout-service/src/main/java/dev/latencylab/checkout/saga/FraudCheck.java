package dev.latencylab.checkout.saga;

import java.util.List;
import java.util.UUID;

/**
 * What the saga needs from fraud-service. Throws {@link DownstreamException} when the
 * call fails.
 */
public interface FraudCheck {

	/**
	 * Scores an order; idempotent by order id.
	 * @param orderId the order
	 * @param request what the customer sent
	 * @param amountCents the priced total
	 * @return the assessment
	 */
	Assessment score(UUID orderId, CheckoutRequest request, long amountCents);

	/**
	 * @param decision ALLOW, REVIEW or DENY
	 * @param score the points
	 * @param reasons the rules that fired
	 */
	record Assessment(String decision, int score, List<Reason> reasons) {

		public boolean denied() {
			return "DENY".equals(this.decision);
		}

	}

	/**
	 * @param rule the rule
	 * @param points its points
	 * @param detail why it fired
	 */
	record Reason(String rule, int points, String detail) {
	}

}
