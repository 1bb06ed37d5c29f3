package dev.latencylab.checkout.saga;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

import dev.latencylab.kit.ProblemException;

/**
 * The answers of a checkout that did not go through (RFC 9457 problem details), and what
 * each failure of another service becomes for the customer.
 */
final class CheckoutProblems {

	static final String FRAUD_CHECK_UNAVAILABLE = "fraud-check-unavailable";

	static final String PAYMENT_UNAVAILABLE = "payment-unavailable";

	private CheckoutProblems() {
	}

	static ProblemException keyReused() {
		return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
				"Idempotency key reused", "This Idempotency-Key was used for a different checkout request.");
	}

	static ProblemException inProgress() {
		return new ProblemException(HttpStatus.CONFLICT, "checkout-in-progress", "Checkout in progress",
				"A checkout with this Idempotency-Key is still running; ask again shortly.");
	}

	static ProblemException unknownSku(DownstreamException ex) {
		return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-sku", "Unknown SKU", ex.detail())
			.with("sku", ex.properties().get("sku"));
	}

	static ProblemException outOfStock(DownstreamException ex) {
		return new ProblemException(HttpStatus.CONFLICT, "out-of-stock", "Out of stock", ex.detail()).with("sku",
				ex.properties().get("sku"));
	}

	static ProblemException denied(FraudCheck.Assessment assessment) {
		return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "order-denied", "Order denied",
				"The fraud check denied this order (score " + assessment.score() + ").")
			.with("reasons", assessment.reasons());
	}

	static ProblemException fraudCheckUnavailable(DownstreamException ex, long reviewUpTo) {
		return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, FRAUD_CHECK_UNAVAILABLE, "Fraud check unavailable",
				"The fraud check is unavailable (" + ex.detail() + ") and an order above " + reviewUpTo
						+ " cents needs one; nothing was charged and the stock was released. Try again later.")
			.with("service", ex.service())
			.with("reviewUpToCents", reviewUpTo);
	}

	/** What the confirmation of the reservation failing becomes. */
	static ProblemException confirmationFailed(DownstreamException ex) {
		return ex.isRefusal() ? new ProblemException(HttpStatus.CONFLICT, "reservation-lapsed", "Reservation lapsed",
				"The stock reservation expired before the order could be confirmed.") : unavailable(ex);
	}

	/** What a failed authorization becomes when checkout waited for its answer. */
	static ProblemException payment(DownstreamException ex) {
		return switch (ex.slug()) {
			case "card-declined" ->
				new ProblemException(HttpStatus.PAYMENT_REQUIRED, "card-declined", "Card declined", ex.detail())
					.with("declineCode", ex.properties().get("declineCode"));
			case "card-network-error" ->
				new ProblemException(HttpStatus.BAD_GATEWAY, "card-network-error", "Card network error",
						"The card network did not answer; nothing was charged and the stock was released. "
								+ "Place the order again with a new Idempotency-Key.");
			default -> ex.isRefusal() ? refused(ex) : unavailable(ex);
		};
	}

	/**
	 * What a failed authorization becomes when checkout's guards stopped waiting for it
	 * ({@code checkout-resilience} on).
	 */
	static ProblemException guardedPayment(DownstreamException ex) {
		return switch (ex.slug()) {
			case "card-declined", "card-network-error" -> payment(ex);
			default -> ex.isRefusal() ? refused(ex)
					: new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, PAYMENT_UNAVAILABLE, "Payment unavailable",
							"The payment service is unavailable (" + ex.detail()
									+ "); nothing was charged and the stock was released. Try again later.")
						.with("service", ex.service());
		};
	}

	/**
	 * A 4xx the saga has no rule for: checkout sent something the service would not take.
	 */
	static ProblemException refused(DownstreamException ex) {
		return new ProblemException(HttpStatus.BAD_GATEWAY, "dependency-refused", "Dependency refused the order",
				ex.service() + " refused the order (" + ex.slug() + "): " + ex.detail())
			.with("service", ex.service());
	}

	static ProblemException unavailable(DownstreamException ex) {
		return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable", "Dependency unavailable",
				"The checkout could not be completed: " + ex.getMessage())
			.with("service", ex.service());
	}

	/** The problem's extension members, as the order keeps them for a replay. */
	static Map<String, Object> extensionMembers(ProblemException problem) {
		Map<String, Object> properties = new LinkedHashMap<>();
		if (problem.getBody().getProperties() != null) {
			problem.getBody().getProperties().forEach((name, value) -> {
				if (value != null) {
					properties.put(name, value);
				}
			});
		}
		return properties;
	}

}
