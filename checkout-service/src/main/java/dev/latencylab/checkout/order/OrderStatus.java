package dev.latencylab.checkout.order;

/**
 * Where an order is in the checkout saga. {@link #CONFIRMED} and {@link #FAILED} are
 * final.
 */
public enum OrderStatus {

	/** Accepted; nothing done downstream yet. */
	PENDING,
	/** Stock is held by a pending reservation. */
	RESERVED,
	/** The fraud check allowed the order (or sent it to review). */
	SCORED,
	/** The payment is authorized. */
	AUTHORIZED,
	/** A step failed; the saga is undoing the steps before it. */
	COMPENSATING,
	/** Reservation confirmed and payment captured. */
	CONFIRMED,
	/** The checkout failed; nothing stays reserved or authorized. */
	FAILED;

	public boolean isFinal() {
		return this == CONFIRMED || this == FAILED;
	}

}
