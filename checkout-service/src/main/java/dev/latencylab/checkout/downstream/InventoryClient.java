package dev.latencylab.checkout.downstream;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import dev.latencylab.checkout.saga.CheckoutRequest;
import dev.latencylab.checkout.saga.Inventory;

@Component
class InventoryClient implements Inventory {

	private static final String SERVICE = "inventory-service";

	private final RestClient http;

	InventoryClient(RestClient.Builder builder, DownstreamProperties properties) {
		this.http = Downstream.client(builder, properties.inventory());
	}

	@Override
	public Reservation reserve(UUID orderId, List<CheckoutRequest.LineItem> lines) {
		return Downstream.call(SERVICE,
				() -> this.http.post()
					.uri("/api/reservations")
					.body(new ReserveRequest(orderId, lines))
					.retrieve()
					.body(Reservation.class));
	}

	@Override
	public void confirm(UUID reservationId) {
		Downstream.run(SERVICE,
				() -> this.http.post()
					.uri("/api/reservations/{id}/confirm", reservationId)
					.retrieve()
					.toBodilessEntity());
	}

	@Override
	public void release(UUID reservationId) {
		Downstream.run(SERVICE,
				() -> this.http.post()
					.uri("/api/reservations/{id}/release", reservationId)
					.retrieve()
					.toBodilessEntity());
	}

	record ReserveRequest(UUID orderId, List<CheckoutRequest.LineItem> lines) {
	}

}
