package dev.latencylab.fraud.history;

import java.time.Duration;

/**
 * What the service knows about a customer when it scores one of their orders.
 *
 * @param customerId the customer
 * @param window how far back {@code ordersInWindow} looks
 * @param ordersInWindow the customer's earlier orders within {@code window}, not counting
 * the order being scored
 */
public record CustomerHistory(String customerId, Duration window, int ordersInWindow) {

	/**
	 * A customer with no recent orders.
	 * @param customerId the customer
	 * @param window the velocity window
	 * @return the empty history
	 */
	public static CustomerHistory firstOrder(String customerId, Duration window) {
		return new CustomerHistory(customerId, window, 0);
	}

}
