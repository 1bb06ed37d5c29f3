package dev.latencylab.checkout.downstream;

import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import dev.latencylab.checkout.saga.CheckoutRequest;
import dev.latencylab.checkout.saga.Payments;

@Component
class PaymentClient implements Payments {

	private static final String SERVICE = "payment-service";

	private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final RestClient http;

	PaymentClient(RestClient.Builder builder, DownstreamProperties properties) {
		this.http = Downstream.client(builder, properties.payment());
	}

	@Override
	public Payment authorize(String idempotencyKey, UUID orderId, long amountCents, CheckoutRequest.Card card) {
		AuthorizeRequest body = new AuthorizeRequest(orderId, amountCents, "EUR", card);
		return Downstream.call(SERVICE,
				() -> this.http.post()
					.uri("/api/payments/authorizations")
					.header(IDEMPOTENCY_KEY, idempotencyKey)
					.body(body)
					.retrieve()
					.body(Payment.class));
	}

	@Override
	public Payment capture(UUID paymentId, String idempotencyKey) {
		return Downstream.call(SERVICE,
				() -> this.http.post()
					.uri("/api/payments/{id}/capture", paymentId)
					.header(IDEMPOTENCY_KEY, idempotencyKey)
					.retrieve()
					.body(Payment.class));
	}

	@Override
	public void cancel(UUID paymentId) {
		Downstream.run(SERVICE,
				() -> this.http.post().uri("/api/payments/{id}/void", paymentId).retrieve().toBodilessEntity());
	}

	record AuthorizeRequest(UUID orderId, long amountCents, String currency, CheckoutRequest.Card card) {
	}

}
