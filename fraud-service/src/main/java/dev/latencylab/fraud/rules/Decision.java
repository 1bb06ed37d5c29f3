package dev.latencylab.fraud.rules;

/**
 * What checkout should do with a scored order.
 */
public enum Decision {

	/** Go ahead. */
	ALLOW,

	/** Go ahead, but a person should look at it. */
	REVIEW,

	/** Refuse the order. */
	DENY

}
