package dev.latencylab.fraud.rules;

import java.util.UUID;

/**
 * An order as the fraud rules see it.
 *
 * @param orderId the order
 * @param customerId who placed it
 * @param email the customer's email address
 * @param amountCents the order total in euro cents
 * @param shippingAddress where the goods go
 * @param billingAddress where the card is registered
 */
public record Order(UUID orderId, String customerId, String email, long amountCents, Address shippingAddress,
		Address billingAddress) {

}
