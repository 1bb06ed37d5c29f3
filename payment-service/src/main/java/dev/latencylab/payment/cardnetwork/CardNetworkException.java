package dev.latencylab.payment.cardnetwork;

/**
 * The card network gave no decision (timeout, broken connection, processing error):
 * nothing was authorized, and asking again may work.
 */
public class CardNetworkException extends RuntimeException {

	public CardNetworkException(String message) {
		super(message);
	}

}
