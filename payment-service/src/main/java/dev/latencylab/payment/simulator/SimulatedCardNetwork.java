package dev.latencylab.payment.simulator;

import org.springframework.stereotype.Component;

import dev.latencylab.payment.cardnetwork.CardNetworkException;
import dev.latencylab.payment.cardnetwork.NetworkDecision;

/**
 * A card network inside the service, deciding from the card number alone: the test cards
 * of {@code payment.network.test-cards} get their fixed answer, every other card is
 * approved. It decides at once; the network's latency is {@link NetworkLatency}'s, over
 * an {@link IssuerLink}.
 */
@Component
class SimulatedCardNetwork implements CardNetwork {

	private final CardNetworkProperties.TestCards testCards;

	SimulatedCardNetwork(CardNetworkProperties properties) {
		this.testCards = properties.testCards();
	}

	@Override
	public NetworkDecision authorize(String cardNumber, long amountCents, String currency) {
		if (cardNumber.equals(this.testCards.networkError())) {
			throw new CardNetworkException("The card network gave no answer for the card ending in "
					+ cardNumber.substring(cardNumber.length() - 4) + ".");
		}
		if (cardNumber.equals(this.testCards.declined())) {
			return NetworkDecision.CARD_DECLINED;
		}
		if (cardNumber.equals(this.testCards.insufficientFunds())) {
			return NetworkDecision.INSUFFICIENT_FUNDS;
		}
		return NetworkDecision.APPROVED;
	}

}
