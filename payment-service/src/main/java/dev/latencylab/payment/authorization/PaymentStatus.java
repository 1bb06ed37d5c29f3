package dev.latencylab.payment.authorization;

/**
 * Where a payment is in its life: {@code AUTHORIZED} holds money on the card until it is
 * captured or voided; the other three are final.
 */
public enum PaymentStatus {

	/** The amount is held on the card. */
	AUTHORIZED,

	/** The held amount was taken. */
	CAPTURED,

	/** The hold was lifted; nothing was taken. */
	VOIDED,

	/** The card network refused the authorization; no money moved. */
	DECLINED

}
