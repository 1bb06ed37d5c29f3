package dev.latencylab.payment.authorization;

import java.util.UUID;

/**
 * A card payment for an order.
 *
 * @param paymentId the payment
 * @param orderId the order it pays
 * @param status where it is in its life
 * @param amountCents the amount in cents, 1 to 10,000,000
 * @param currency the ISO 4217 currency code
 * @param cardLast4 the last four digits of the card; the rest is never stored
 */
public record Payment(UUID paymentId, UUID orderId, PaymentStatus status, long amountCents, String currency,
		String cardLast4) {

	Payment withStatus(PaymentStatus newStatus) {
		return new Payment(this.paymentId, this.orderId, newStatus, this.amountCents, this.currency, this.cardLast4);
	}

}
