package dev.latencylab.checkout.recovery;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;

import dev.latencylab.checkout.saga.DownstreamException;
import dev.latencylab.checkout.order.Order;
import dev.latencylab.checkout.order.OrderStatus;
import dev.latencylab.checkout.order.Orders;
import dev.latencylab.checkout.saga.CheckoutRequest;
import dev.latencylab.checkout.saga.Inventory;
import dev.latencylab.checkout.saga.Payments;
import dev.latencylab.kit.LabMetrics;

/**
 * Ends the checkouts that a crash (of checkout-service itself, of a service it called or
 * of PostgreSQL) left in a step, from the saga's state in the order table: an order that
 * sat in a step longer than any step takes has nobody working on it. An order that got as
 * far as its authorization goes forward (confirm the reservation, capture the payment, as
 * the saga would have); one that did not goes back (void whatever payment holds for it,
 * give the stock back) and fails with {@code checkout-interrupted}, which a retry with
 * the same {@code Idempotency-Key} then gets. Every call it makes is idempotent, so a
 * round that is itself interrupted is simply repeated. A service that does not answer
 * leaves the order for the next round.
 */
public class SagaRecovery {

	static final String INTERRUPTED = "checkout-interrupted";

	private static final Logger logger = LoggerFactory.getLogger(SagaRecovery.class);

	private final Orders orders;

	private final Inventory inventory;

	private final Payments payments;

	private final RecoveryProperties properties;

	private final OutcomeCounters<Outcome> counters;

	private final Clock clock;

	SagaRecovery(Orders orders, Inventory inventory, Payments payments, RecoveryProperties properties,
			MeterRegistry meters, Clock clock) {
		this.orders = orders;
		this.inventory = inventory;
		this.payments = payments;
		this.properties = properties;
		this.clock = clock;
		this.counters = new OutcomeCounters<>(meters, LabMetrics.CHECKOUT_RECOVERIES,
				"Checkouts a crash left half-done, ended by the recovery job", Outcome.class);
	}

	/**
	 * One round: every order that sat in a step since before {@code stale-after}, up to a
	 * batch, in a span of its own.
	 * @return what became of each order looked at
	 */
	public Map<UUID, Outcome> recover() {
		Instant before = this.clock.instant().minus(this.properties.staleAfter());
		List<Order> stuck = this.orders.stuckSince(before, this.properties.batch());
		if (stuck.isEmpty()) {
			return Map.of();
		}
		Span span = GlobalOpenTelemetry.getTracer("checkout-recovery")
			.spanBuilder("recover interrupted checkouts")
			.startSpan();
		try (Scope scope = span.makeCurrent()) {
			Map<UUID, Outcome> outcomes = new LinkedHashMap<>();
			for (Order order : stuck) {
				if (this.orders.take(order.orderId(), order.status(), before)) {
					Outcome outcome = recover(order);
					outcomes.put(order.orderId(), outcome);
					this.counters.increment(outcome);
					span.addEvent("order " + outcome.name().toLowerCase(Locale.ROOT),
							Attributes.builder()
								.put("order.id", order.orderId().toString())
								.put("order.status", order.status().name())
								.build());
				}
			}
			span.setAttribute("orders", outcomes.size());
			return outcomes;
		}
		catch (RuntimeException ex) {
			span.setStatus(StatusCode.ERROR, ex.getMessage());
			throw ex;
		}
		finally {
			span.end();
		}
	}

	private Outcome recover(Order order) {
		try {
			Outcome outcome = switch (order.status()) {
				case AUTHORIZED -> forward(order);
				case PENDING, RESERVED, SCORED, COMPENSATING -> back(order, "");
				case CONFIRMED, FAILED -> throw new IllegalStateException("order " + order.orderId() + " is final");
			};
			logger.warn("Recovered order {}, left {}: {}", order.orderId(), order.status(),
					outcome.name().toLowerCase(Locale.ROOT));
			return outcome;
		}
		catch (DownstreamException ex) {
			logger.warn("Order {}, left {}, not recovered yet: {}", order.orderId(), order.status(), ex.getMessage());
			return Outcome.DEFERRED;
		}
	}

	/**
	 * Authorized: the saga had only to confirm and capture. Both are idempotent (the
	 * capture by the saga's own key), so whichever of them had happened before the crash
	 * happens once.
	 */
	private Outcome forward(Order order) {
		try {
			this.inventory.confirm(order.reservationId());
		}
		catch (DownstreamException ex) {
			if (!ex.isRefusal()) {
				throw ex;
			}
			// released or expired meanwhile: the stock is gone, so is the order
			return back(order, "the reservation lapsed before the order was confirmed; ");
		}
		try {
			this.payments.capture(order.paymentId(), "checkout-" + order.orderId() + "-capture");
		}
		catch (DownstreamException ex) {
			if (!ex.isRefusal()) {
				throw ex;
			}
			// voided or declined: nothing to charge, and the stock went out already
			this.orders.failed(order.orderId(), interrupted(),
					"recovered after an interruption: payment refused the capture (" + ex.slug()
							+ "); reservation stays confirmed: stock needs a manual return");
			return Outcome.COMPENSATED;
		}
		this.orders.advance(order.orderId(), OrderStatus.CONFIRMED,
				"recovered after an interruption: reservation confirmed and payment captured");
		return Outcome.COMPLETED;
	}

	/**
	 * Before the authorization's answer was kept: payment may hold one all the same
	 * (voided by order), and inventory may hold stock the order never heard of (reserving
	 * is idempotent by order, so asking again finds it, or holds and at once gives back).
	 */
	private Outcome back(Order order, String why) {
		List<UUID> voided = this.payments.voidAuthorizations(order.orderId()).voided();
		UUID reservation = order.reservationId();
		if (reservation == null) {
			reservation = reservationOf(order);
		}
		if (reservation != null) {
			this.inventory.release(reservation);
		}
		this.orders.failed(order.orderId(), interrupted(),
				"recovered after an interruption: " + why
						+ (voided.isEmpty() ? "no authorization held" : "authorizations " + voided + " voided")
						+ ((reservation != null) ? "; reservation released" : ""));
		return Outcome.COMPENSATED;
	}

	private static Order.Failure interrupted() {
		return new Order.Failure(HttpStatus.SERVICE_UNAVAILABLE.value(), INTERRUPTED, "Checkout interrupted",
				"The checkout was interrupted before it could finish; nothing was charged. Try again with a new "
						+ "Idempotency-Key.",
				Map.of());
	}

	private UUID reservationOf(Order order) {
		List<CheckoutRequest.LineItem> lines = order.lines()
			.stream()
			.map((line) -> new CheckoutRequest.LineItem(line.sku(), line.quantity()))
			.toList();
		try {
			return this.inventory.reserve(order.orderId(), lines).reservationId();
		}
		catch (DownstreamException ex) {
			if (ex.isRefusal()) {
				// out of stock, or an unknown product: nothing is held for it
				return null;
			}
			throw ex;
		}
	}

	/**
	 * What became of an order left in a step.
	 */
	public enum Outcome {

		/** Confirmed and captured. */
		COMPLETED,
		/** Failed; nothing held for it any more. */
		COMPENSATED,
		/** A service it needs did not answer: tried again on the next round. */
		DEFERRED

	}

}
