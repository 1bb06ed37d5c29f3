package dev.latencylab.checkout.recovery;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.latencylab.checkout.saga.DownstreamException;
import dev.latencylab.checkout.order.Orders;
import dev.latencylab.checkout.saga.Payments;
import dev.latencylab.kit.LabMetrics;

/**
 * Voids the authorizations that payment completed after checkout gave up waiting for
 * them: a failed order whose authorization got no answer keeps, in the order table, the
 * time after which payment's own worst case is over
 * ({@code checkout.resilience.late-authorization-sweep}). Each round of the recovery job
 * looks up the orders due and voids whatever payment holds for them, so that neither a
 * restart of checkout-service nor payment down at that moment leaves a hold on a
 * customer's card for an order that failed: an order whose void did not go through stays
 * due for the next round. A payment it finds captured means the order went through and
 * only the capture's answer was lost (payment-service stopped after it captured): the
 * order is confirmed, so that no charge is left without its order.
 */
public class LateAuthorizationSweep {

	private static final Logger logger = LoggerFactory.getLogger(LateAuthorizationSweep.class);

	private final Orders orders;

	private final Payments payments;

	private final RecoveryProperties properties;

	private final OutcomeCounters<Outcome> counters;

	private final Clock clock;

	LateAuthorizationSweep(Orders orders, Payments payments, RecoveryProperties properties, MeterRegistry meters,
			Clock clock) {
		this.orders = orders;
		this.payments = payments;
		this.properties = properties;
		this.clock = clock;
		this.counters = new OutcomeCounters<>(meters, LabMetrics.CHECKOUT_LATE_AUTHORIZATIONS,
				"Failed orders whose authorizations were looked up once more after checkout gave up on them",
				Outcome.class);
	}

	/**
	 * One round: every failed order due, up to a batch, in a span of its own.
	 * @return what became of each order looked at
	 */
	public Map<UUID, Outcome> sweep() {
		List<UUID> due = this.orders.authorizationsToVoid(this.clock.instant(), this.properties.batch());
		if (due.isEmpty()) {
			return Map.of();
		}
		Span span = GlobalOpenTelemetry.getTracer("checkout-recovery")
			.spanBuilder("void late authorizations")
			.startSpan();
		try (Scope scope = span.makeCurrent()) {
			Map<UUID, Outcome> outcomes = new LinkedHashMap<>();
			for (UUID orderId : due) {
				Outcome outcome = sweep(orderId);
				outcomes.put(orderId, outcome);
				this.counters.increment(outcome);
			}
			span.setAttribute("orders", outcomes.size());
			span.setAttribute("voided", outcomes.values().stream().filter(Outcome.VOIDED::equals).count());
			return outcomes;
		}
		finally {
			span.end();
		}
	}

	private Outcome sweep(UUID orderId) {
		Payments.Held held;
		try {
			held = this.payments.voidAuthorizations(orderId);
		}
		catch (DownstreamException ex) {
			logger.warn("Late authorizations of failed order {} not voided yet: {}", orderId, ex.getMessage());
			return Outcome.DEFERRED;
		}
		this.orders.authorizationsVoided(orderId, held.voided());
		if (!held.captured().isEmpty()) {
			// only a capture takes money, and the saga and the recovery job capture only
			// after the reservation is confirmed: the order went through, its failure was
			// the answer of a capture that got lost
			logger.warn("Failed order {} was captured after all ({}): confirmed", orderId, held.captured());
			this.orders.confirmedAfterAll(orderId,
					"payment had captured " + held.captured() + " after all (its answer was lost): order confirmed");
			return Outcome.CONFIRMED;
		}
		if (held.voided().isEmpty()) {
			return Outcome.NONE;
		}
		logger.warn("Voided the late authorizations {} of failed order {}", held.voided(), orderId);
		return Outcome.VOIDED;
	}

	/** What the look at a failed order's authorizations found. */
	public enum Outcome {

		/** Payment had completed an authorization after all: voided now. */
		VOIDED,
		/** Payment held none: nothing to do. */
		NONE,
		/** Payment did not answer: tried again on the next round. */
		DEFERRED,
		/**
		 * Payment had captured the order's payment: the capture's answer was lost, the
		 * order went through and is confirmed now.
		 */
		CONFIRMED

	}

}
