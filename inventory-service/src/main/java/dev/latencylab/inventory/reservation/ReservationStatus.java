package dev.latencylab.inventory.reservation;

/**
 * Where a reservation is in its life: {@code PENDING} holds stock until it is confirmed,
 * released or expired; the other three are final.
 */
public enum ReservationStatus {

	/** Stock is held for the order. */
	PENDING,

	/** The order went through; the stock is sold. */
	CONFIRMED,

	/** The order gave the stock back. */
	RELEASED,

	/** Nobody confirmed within the TTL; the stock was given back. */
	EXPIRED

}
