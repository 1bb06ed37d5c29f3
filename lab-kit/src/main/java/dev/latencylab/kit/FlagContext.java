package dev.latencylab.kit;

/**
 * Who a flag is evaluated for. The order id is the targeting key, so a percentage rollout
 * is sticky per order: the same order always gets the same variant.
 *
 * @param orderId the order, or {@code null} when the evaluation is not about one order
 * @param customerId the customer, or {@code null}
 */
public record FlagContext(String orderId, String customerId) {

	private static final FlagContext NONE = new FlagContext(null, null);

	/**
	 * @return a context for evaluations that concern no particular order (a background
	 * job)
	 */
	public static FlagContext none() {
		return NONE;
	}

	/**
	 * @param orderId the order
	 * @param customerId the customer
	 * @return a context for one order
	 */
	public static FlagContext order(String orderId, String customerId) {
		return new FlagContext(orderId, customerId);
	}

}
