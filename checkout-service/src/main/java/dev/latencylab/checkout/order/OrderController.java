package dev.latencylab.checkout.order;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.latencylab.kit.ProblemException;

@RestController
@RequestMapping("/api/orders")
class OrderController {

	private final Orders orders;

	OrderController(Orders orders) {
		this.orders = orders;
	}

	@GetMapping("/{orderId}")
	Order order(@PathVariable UUID orderId) {
		return this.orders.find(orderId)
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "unknown-order", "Unknown order",
					"There is no order " + orderId + ".")
				.with("orderId", orderId));
	}

	@GetMapping
	List<Order> customerOrders(@RequestParam @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String customerId,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
		return this.orders.findByCustomer(customerId, limit);
	}

}
