package dev.latencylab.checkout.saga;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.latencylab.checkout.order.Order;

@RestController
class CheckoutController {

	private final CheckoutSaga saga;

	CheckoutController(CheckoutSaga saga) {
		this.saga = saga;
	}

	@PostMapping("/api/checkout")
	ResponseEntity<Order> checkout(
			@RequestHeader("Idempotency-Key") @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}",
					message = "must be 1 to 100 letters, digits or . _ : -") String idempotencyKey,
			@Valid @RequestBody CheckoutRequest request) {
		CheckoutSaga.Result result = this.saga.checkout(idempotencyKey, request);
		if (!result.created()) {
			return ResponseEntity.ok(result.order());
		}
		return ResponseEntity.created(URI.create("/api/orders/" + result.order().orderId())).body(result.order());
	}

}
