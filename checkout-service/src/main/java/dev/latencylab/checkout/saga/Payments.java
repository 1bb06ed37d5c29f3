package dev.latencylab.checkout.saga;

import java.util.UUID;

import dev.latencylab.checkout.downstream.DownstreamException;

/**
 * What the saga needs from payment-service. Every method throws
 * {@link DownstreamException} when the call fails.
 */
public interface Payments {

	/**
	 * Authorizes an amount on a card; idempotent by key.
	 * @param idempotencyKey the key
	 * @param orderId the order
	 * @param amountCents the amount
	 * @param card the card
	 * @return the authorized payment
	 */
	Payment authorize(String idempotencyKey, UUID orderId, long amountCents, CheckoutRequest.Card card);

	Payment capture(UUID paymentId, String idempotencyKey);

	/**
	 * Voids an authorization so that the hold on the card goes away.
	 * @param paymentId the payment
	 */
	void cancel(UUID paymentId);

	/**
	 * @param paymentId the payment
	 * @param status its status
	 */
	record Payment(UUID paymentId, String status) {
	}

}
