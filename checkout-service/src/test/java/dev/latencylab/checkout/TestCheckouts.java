package dev.latencylab.checkout;

import java.util.List;

import dev.latencylab.checkout.saga.CheckoutRequest;

/**
 * The checkout a test makes when what is bought does not matter: two of SKU-00001 for
 * alice, a card that passes validation, shipped and billed to one address in Berlin.
 */
public final class TestCheckouts {

	private TestCheckouts() {
	}

	public static CheckoutRequest request() {
		CheckoutRequest.Address address = new CheckoutRequest.Address("1 Main St", "Berlin", "10115", "DE");
		return new CheckoutRequest("alice", "alice@example.com", List.of(new CheckoutRequest.LineItem("SKU-00001", 2)),
				new CheckoutRequest.Card("4111111111111111", "12/39"), address, address);
	}

}
