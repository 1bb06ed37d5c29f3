package dev.latencylab.checkout.downstream;

import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import dev.latencylab.checkout.saga.CheckoutRequest;
import dev.latencylab.checkout.saga.FraudCheck;

@Component
class FraudClient implements FraudCheck {

	private static final String SERVICE = "fraud-service";

	private final RestClient http;

	FraudClient(RestClient.Builder builder, DownstreamProperties properties) {
		this.http = Downstream.client(builder, properties.fraud());
	}

	@Override
	public Assessment score(UUID orderId, CheckoutRequest request, long amountCents) {
		ScoreRequest body = new ScoreRequest(orderId, request.customerId(), request.email(), amountCents,
				request.shippingAddress(), request.billingAddress());
		return Downstream.call(SERVICE,
				() -> this.http.post().uri("/api/fraud/scores").body(body).retrieve().body(Assessment.class));
	}

	record ScoreRequest(UUID orderId, String customerId, String email, long amountCents,
			CheckoutRequest.Address shippingAddress, CheckoutRequest.Address billingAddress) {
	}

}
