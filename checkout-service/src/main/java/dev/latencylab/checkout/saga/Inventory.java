package dev.latencylab.checkout.saga;

import java.util.List;
import java.util.UUID;

/**
 * What the saga needs from inventory-service. Every method throws
 * {@link DownstreamException} when the call fails.
 */
public interface Inventory {

	/**
	 * Holds stock for every line, all or nothing; idempotent by order id.
	 * @param orderId the order
	 * @param lines what to hold
	 * @return the pending reservation, priced
	 */
	Reservation reserve(UUID orderId, List<CheckoutRequest.LineItem> lines);

	void confirm(UUID reservationId);

	void release(UUID reservationId);

	/**
	 * @param reservationId the reservation
	 * @param lines the lines with the prices inventory charged
	 * @param totalCents the sum of the lines
	 */
	record Reservation(UUID reservationId, List<PricedLine> lines, long totalCents) {
	}

	/**
	 * @param sku the product
	 * @param quantity how many
	 * @param unitPriceCents the price of one
	 */
	record PricedLine(String sku, int quantity, long unitPriceCents) {
	}

}
