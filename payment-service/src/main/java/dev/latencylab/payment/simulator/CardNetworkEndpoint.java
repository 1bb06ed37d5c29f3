package dev.latencylab.payment.simulator;

import java.time.Duration;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.latencylab.payment.cardnetwork.CardNetworkClient;
import dev.latencylab.payment.cardnetwork.CardNetworkException;
import dev.latencylab.payment.cardnetwork.NetworkDecision;

/**
 * The simulated card network's HTTP face, inside payment-service (not routed by the
 * gateway): waits for the issuer as long as {@link NetworkLatency} says, over a real
 * {@link IssuerLink}, then answers what {@link SimulatedCardNetwork} decides; 503 when
 * the network gives no decision.
 */
@RestController
class CardNetworkEndpoint {

	private final SimulatedCardNetwork network;

	private final NetworkLatency latency;

	private final IssuerLink issuerLink;

	CardNetworkEndpoint(SimulatedCardNetwork network, NetworkLatency latency, IssuerLink issuerLink) {
		this.network = network;
		this.latency = latency;
		this.issuerLink = issuerLink;
	}

	@PostMapping(CardNetworkClient.AUTHORIZE_PATH)
	ResponseEntity<CardNetworkClient.NetworkAnswer> authorize(@RequestBody CardNetworkClient.NetworkCall call) {
		Duration wait = this.latency.of(call.orderId());
		if (!wait.isZero()) {
			this.issuerLink.exchange(wait);
		}
		try {
			NetworkDecision decision = this.network.authorize(call.cardNumber(), call.amountCents(), call.currency());
			return ResponseEntity.ok(new CardNetworkClient.NetworkAnswer(decision.name()));
		}
		catch (CardNetworkException ex) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
		}
	}

}
