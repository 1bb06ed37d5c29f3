package dev.latencylab.payment.authorization;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.latencylab.payment.idempotency.IdempotencyKey;
import dev.latencylab.payment.idempotency.StoredResponse;

@RestController
@RequestMapping("/api/payments")
class PaymentController {

	private final PaymentService payments;

	PaymentController(PaymentService payments) {
		this.payments = payments;
	}

	@PostMapping("/authorizations")
	ResponseEntity<String> authorize(@RequestHeader(IdempotencyKey.HEADER) String key,
			@Valid @RequestBody AuthorizeRequest request) {
		return answer(this.payments.authorize(new IdempotencyKey(key), request));
	}

	@PostMapping("/{paymentId}/capture")
	ResponseEntity<String> capture(@PathVariable UUID paymentId, @RequestHeader(IdempotencyKey.HEADER) String key) {
		return answer(this.payments.capture(paymentId, new IdempotencyKey(key)));
	}

	@PostMapping("/{paymentId}/void")
	Payment voidAuthorization(@PathVariable UUID paymentId) {
		return this.payments.voidAuthorization(paymentId);
	}

	@GetMapping("/{paymentId}")
	Payment payment(@PathVariable UUID paymentId) {
		return this.payments.find(paymentId);
	}

	@GetMapping
	List<Payment> payments(@RequestParam UUID orderId) {
		return this.payments.findByOrder(orderId);
	}

	private static ResponseEntity<String> answer(StoredResponse response) {
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(response.status())
			.contentType(response.problem() ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON);
		if (response.location() != null) {
			builder.header("Location", response.location());
		}
		return builder.body(response.body());
	}

}
