package dev.latencylab.checkout.order;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An order as the customer and the saga see it.
 *
 * @param orderId the order id
 * @param customerId who placed it
 * @param status where it is in the saga
 * @param totalCents the total charged, once inventory priced the lines
 * @param currency always EUR in the lab
 * @param reservationId the inventory reservation, once made
 * @param paymentId the payment, once authorized
 * @param fraudDecision ALLOW, REVIEW or DENY, once scored
 * @param failure why it failed, for a FAILED order
 * @param lines what was ordered
 * @param history every status the order went through
 * @param createdAt when the checkout was accepted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Order(UUID orderId, String customerId, OrderStatus status, Long totalCents, String currency,
		UUID reservationId, UUID paymentId, String fraudDecision, Failure failure, List<Line> lines,
		List<StatusChange> history, Instant createdAt) {

	/**
	 * An order line.
	 *
	 * @param sku the product
	 * @param quantity how many
	 * @param unitPriceCents the price inventory charged, once reserved
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Line(String sku, int quantity, Long unitPriceCents) {
	}

	/**
	 * One step of the order's history.
	 *
	 * @param status the status entered
	 * @param note what happened
	 * @param at when
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record StatusChange(OrderStatus status, String note, Instant at) {
	}

	/**
	 * Why a checkout failed, kept so that a retry with the same key gets the same answer.
	 *
	 * @param status the HTTP status the caller got
	 * @param type the problem slug
	 * @param title the problem title
	 * @param detail the problem detail
	 * @param properties the problem's extension members (sku, declineCode, ...)
	 */
	public record Failure(int status, String type, String title, String detail, Map<String, Object> properties) {
	}

}
