package dev.latencylab.inventory.reservation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Stock held for one order, priced at the time it was reserved.
 *
 * @param reservationId the reservation
 * @param orderId the order it holds stock for; one reservation per order
 * @param status where the reservation is in its life
 * @param lines what is held, in the order the caller sent the lines
 * @param totalCents the sum of quantity times unit price over all lines
 * @param expiresAt when a still {@code PENDING} reservation is expired
 */
public record Reservation(UUID reservationId, UUID orderId, ReservationStatus status, List<Line> lines, long totalCents,
		Instant expiresAt) {

	/**
	 * @param sku the product
	 * @param quantity how many units are held
	 * @param unitPriceCents the price of one unit when it was reserved
	 */
	public record Line(String sku, int quantity, long unitPriceCents) {
	}

}
