package dev.latencylab.checkout.downstream;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.latencylab.checkout.saga.CheckoutRequest;
import dev.latencylab.checkout.saga.Inventory;
import dev.latencylab.kit.FlagContext;

@Component
class InventoryClient implements Inventory {

	private final DownstreamGuard guard;

	InventoryClient(DownstreamGuards guards) {
		this.guard = guards.inventory();
	}

	@Override
	public Reservation reserve(UUID orderId, List<CheckoutRequest.LineItem> lines) {
		// idempotent by order id: inventory answers the reservation already made
		return this.guard.callIdempotent(FlagContext.order(orderId.toString(), null),
				(http) -> http.post()
					.uri("/api/reservations")
					.body(new ReserveRequest(orderId, lines))
					.retrieve()
					.body(Reservation.class));
	}

	@Override
	public void confirm(UUID reservationId) {
		this.guard.call(FlagContext.none(),
				(http) -> http.post()
					.uri("/api/reservations/{id}/confirm", reservationId)
					.retrieve()
					.toBodilessEntity());
	}

	@Override
	public void release(UUID reservationId) {
		this.guard.finish(FlagContext.none(),
				(http) -> http.post()
					.uri("/api/reservations/{id}/release", reservationId)
					.retrieve()
					.toBodilessEntity());
	}

	record ReserveRequest(UUID orderId, List<CheckoutRequest.LineItem> lines) {
	}

}
