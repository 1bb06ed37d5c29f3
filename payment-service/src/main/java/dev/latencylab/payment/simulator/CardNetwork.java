package dev.latencylab.payment.simulator;

import dev.latencylab.payment.cardnetwork.CardNetworkClient;
import dev.latencylab.payment.cardnetwork.CardNetworkException;
import dev.latencylab.payment.cardnetwork.NetworkDecision;

/**
 * The card network's decision: asks the issuer of a card to hold an amount. The only
 * implementation is {@link SimulatedCardNetwork}, behind the simulated network's HTTP
 * endpoint ({@link CardNetworkEndpoint}); payment-service itself reaches it through
 * {@link CardNetworkClient}, over HTTP.
 */
public interface CardNetwork {

	/**
	 * Asks the card's issuer to hold an amount on the card.
	 * @param cardNumber the card number, 12 to 19 digits that pass the Luhn check
	 * @param amountCents the amount in cents, positive
	 * @param currency the ISO 4217 currency code
	 * @return the issuer's decision
	 * @throws CardNetworkException when the network gave no decision
	 */
	NetworkDecision authorize(String cardNumber, long amountCents, String currency);

}
