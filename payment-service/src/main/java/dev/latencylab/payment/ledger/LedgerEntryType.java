package dev.latencylab.payment.ledger;

/**
 * The kinds of money movement a payment goes through.
 */
public enum LedgerEntryType {

	/** The amount was put on hold on the card. */
	AUTHORIZATION,

	/** The held amount was taken. */
	CAPTURE,

	/** The hold was lifted without taking anything. */
	VOID

}
