package dev.latencylab.checkout.downstream;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;

import dev.latencylab.checkout.saga.CheckoutRequest;
import dev.latencylab.checkout.saga.Payments;
import dev.latencylab.kit.FlagContext;

@Component
class PaymentClient implements Payments {

	private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private static final ParameterizedTypeReference<List<Payment>> PAYMENTS = new ParameterizedTypeReference<>() {
	};

	private final DownstreamGuard guard;

	PaymentClient(DownstreamGuards guards) {
		this.guard = guards.payment();
	}

	@Override
	public Payment authorize(String idempotencyKey, UUID orderId, long amountCents, CheckoutRequest.Card card) {
		AuthorizeRequest body = new AuthorizeRequest(orderId, amountCents, "EUR", card);
		// idempotent by key: payment answers the stored authorization
		return this.guard.callIdempotent(FlagContext.order(orderId.toString(), null),
				(http) -> http.post()
					.uri("/api/payments/authorizations")
					.header(IDEMPOTENCY_KEY, idempotencyKey)
					.body(body)
					.retrieve()
					.body(Payment.class));
	}

	@Override
	public Payment capture(UUID paymentId, String idempotencyKey) {
		return this.guard.finish(FlagContext.none(),
				(http) -> http.post()
					.uri("/api/payments/{id}/capture", paymentId)
					.header(IDEMPOTENCY_KEY, idempotencyKey)
					.retrieve()
					.body(Payment.class));
	}

	@Override
	public void cancel(UUID paymentId) {
		this.guard.finish(FlagContext.none(),
				(http) -> http.post().uri("/api/payments/{id}/void", paymentId).retrieve().toBodilessEntity());
	}

	@Override
	public Held voidAuthorizations(UUID orderId) {
		FlagContext order = FlagContext.order(orderId.toString(), null);
		List<Payment> payments = this.guard.finish(order,
				(http) -> http.get().uri("/api/payments?orderId={id}", orderId).retrieve().body(PAYMENTS));
		List<UUID> voided = new ArrayList<>();
		List<UUID> captured = new ArrayList<>();
		for (Payment payment : (payments != null) ? payments : List.<Payment>of()) {
			if ("CAPTURED".equals(payment.status())) {
				captured.add(payment.paymentId());
			}
			if ("AUTHORIZED".equals(payment.status())) {
				this.guard.finish(order,
						(http) -> http.post()
							.uri("/api/payments/{id}/void", payment.paymentId())
							.retrieve()
							.toBodilessEntity());
				voided.add(payment.paymentId());
			}
		}
		return new Held(List.copyOf(voided), List.copyOf(captured));
	}

	record AuthorizeRequest(UUID orderId, long amountCents, String currency, CheckoutRequest.Card card) {
	}

}
