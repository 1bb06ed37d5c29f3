package dev.latencylab.checkout.downstream;

import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.latencylab.checkout.saga.CheckoutRequest;
import dev.latencylab.checkout.saga.FraudCheck;
import dev.latencylab.kit.FlagContext;

@Component
class FraudClient implements FraudCheck {

	private final DownstreamGuard guard;

	FraudClient(DownstreamGuards guards) {
		this.guard = guards.fraud();
	}

	@Override
	public Assessment score(UUID orderId, CheckoutRequest request, long amountCents) {
		ScoreRequest body = new ScoreRequest(orderId, request.customerId(), request.email(), amountCents,
				request.shippingAddress(), request.billingAddress());
		// idempotent by order id: fraud answers the stored assessment
		return this.guard.callIdempotent(FlagContext.order(orderId.toString(), request.customerId()),
				(http) -> http.post().uri("/api/fraud/scores").body(body).retrieve().body(Assessment.class));
	}

	record ScoreRequest(UUID orderId, String customerId, String email, long amountCents,
			CheckoutRequest.Address shippingAddress, CheckoutRequest.Address billingAddress) {
	}

}
