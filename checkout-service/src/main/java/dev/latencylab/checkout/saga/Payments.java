package dev.latencylab.checkout.saga;

import java.util.List;
import java.util.UUID;

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
	 * Voids every authorization payment holds for an order: for an authorization whose
	 * answer checkout never got (it gave up waiting), which payment may have completed
	 * all the same. Safe to repeat.
	 * @param orderId the order
	 * @return the payments voided now, and those payment had captured (a capture whose
	 * answer checkout never got)
	 */
	Held voidAuthorizations(UUID orderId);

	/**
	 * @param paymentId the payment
	 * @param status its status
	 */
	record Payment(UUID paymentId, String status) {
	}

	/**
	 * What payment held for an order when its authorizations were voided.
	 *
	 * @param voided the authorizations voided now; empty when none was held
	 * @param captured the payments it had captured, which no void undoes
	 */
	record Held(List<UUID> voided, List<UUID> captured) {
	}

}
