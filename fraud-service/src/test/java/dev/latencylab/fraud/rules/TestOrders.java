package dev.latencylab.fraud.rules;

import java.time.Duration;
import java.util.UUID;

import dev.latencylab.fraud.history.CustomerHistory;

/**
 * Orders and histories for rule tests: a harmless order that each test changes in the one
 * way it is about.
 */
final class TestOrders {

	static final Address BERLIN = new Address("Unter den Linden 1", "Berlin", "10117", "DE");

	private TestOrders() {
	}

	static Order order() {
		return new Order(UUID.randomUUID(), "customer-1", "jane.doe@example.com", 5_000, BERLIN, BERLIN);
	}

	static Order withAmount(long amountCents) {
		Order order = order();
		return new Order(order.orderId(), order.customerId(), order.email(), amountCents, order.shippingAddress(),
				order.billingAddress());
	}

	static Order withEmail(String email) {
		Order order = order();
		return new Order(order.orderId(), order.customerId(), email, order.amountCents(), order.shippingAddress(),
				order.billingAddress());
	}

	static Order withBilling(Address billing) {
		Order order = order();
		return new Order(order.orderId(), order.customerId(), order.email(), order.amountCents(),
				order.shippingAddress(), billing);
	}

	static Address berlinWith(String postalCode, String country) {
		return new Address(BERLIN.line1(), BERLIN.city(), postalCode, country);
	}

	static CustomerHistory noHistory() {
		return CustomerHistory.firstOrder("customer-1", Duration.ofHours(1));
	}

	static CustomerHistory ordersInLastHour(int orders) {
		return new CustomerHistory("customer-1", Duration.ofHours(1), orders);
	}

}
