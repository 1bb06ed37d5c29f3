package dev.latencylab.checkout.saga;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import io.micrometer.core.instrument.Counter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import dev.latencylab.checkout.downstream.DownstreamException;
import dev.latencylab.checkout.downstream.DownstreamGuards;
import dev.latencylab.checkout.downstream.ResilienceProperties;
import dev.latencylab.checkout.downstream.ResilienceSwitch;
import dev.latencylab.checkout.order.Order;
import dev.latencylab.checkout.order.OrderStatus;
import dev.latencylab.checkout.order.Orders;
import dev.latencylab.kit.CanaryCohorts;
import dev.latencylab.kit.FlagContext;
import dev.latencylab.kit.LabMetrics;
import dev.latencylab.kit.ProblemException;

/**
 * The checkout saga: reserve stock, score fraud, authorize the payment, confirm the
 * reservation, capture the payment. A failing step undoes the ones before it (release the
 * reservation, void the authorization) and the order ends FAILED with the answer the
 * caller got, so that a retry with the same idempotency key gets the same answer.
 *
 * <p>
 * With {@code checkout-resilience} on, an unavailable service falls back: without a fraud
 * check a small order goes on as REVIEW and a large one is refused (503
 * {@code fraud-check-unavailable}); without payment the order fails at once (503
 * {@code payment-unavailable}), and an authorization payment may have completed after
 * checkout stopped waiting is voided, now and once more later.
 */
@Service
public class CheckoutSaga {

	/**
	 * Fallbacks taken with {@code checkout-resilience} on, by {@code downstream}
	 * ({@code fraud}, {@code payment}) and {@code fallback} ({@code review}: the order
	 * went on as REVIEW; {@code refused}: the order failed cleanly).
	 */
	public static final String FALLBACKS = LabMetrics.PREFIX + "checkout.fallbacks";

	/** Span event: a fallback took the place of an unavailable service's answer. */
	public static final String FALLBACK_EVENT = "checkout.fallback";

	private static final AttributeKey<String> DOWNSTREAM = AttributeKey.stringKey("checkout.fallback.downstream");

	private static final AttributeKey<String> FALLBACK = AttributeKey.stringKey("checkout.fallback.kind");

	private static final AttributeKey<String> REASON = AttributeKey.stringKey("checkout.fallback.reason");

	private static final String REVIEW = "review";

	private static final String REFUSED = "refused";

	private static final String FRAUD_CHECK_UNAVAILABLE = "fraud-check-unavailable";

	private static final String PAYMENT_UNAVAILABLE = "payment-unavailable";

	private static final Logger logger = LoggerFactory.getLogger(CheckoutSaga.class);

	private final Orders orders;

	private final Inventory inventory;

	private final FraudCheck fraud;

	private final Payments payments;

	private final SagaProperties properties;

	private final JsonMapper jsonMapper;

	private final MeterRegistry meters;

	private final Clock clock;

	private final ResilienceSwitch resilience;

	private final ResilienceProperties resilienceProperties;

	private final CanaryCohorts cohorts;

	CheckoutSaga(Orders orders, Inventory inventory, FraudCheck fraud, Payments payments, SagaProperties properties,
			JsonMapper jsonMapper, MeterRegistry meters, Clock clock, ResilienceSwitch resilience,
			ResilienceProperties resilienceProperties, CanaryCohorts cohorts) {
		this.cohorts = cohorts;
		this.resilience = resilience;
		this.resilienceProperties = resilienceProperties;
		// registered at start-up, so the dashboards have the series before any fallback
		for (String[] fallback : new String[][] { { DownstreamGuards.FRAUD, REVIEW },
				{ DownstreamGuards.FRAUD, REFUSED }, { DownstreamGuards.PAYMENT, REFUSED } }) {
			fallbackCounter(meters, fallback[0], fallback[1]);
		}
		this.meters = meters;
		this.clock = clock;
		this.orders = orders;
		this.inventory = inventory;
		this.fraud = fraud;
		this.payments = payments;
		this.properties = properties;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Runs a checkout once per idempotency key.
	 * @param idempotencyKey the caller's key
	 * @param request what the customer sent
	 * @return the confirmed order, and whether this call created it
	 * @throws ProblemException when the checkout failed, now or the first time the key
	 * was used
	 */
	public Result checkout(String idempotencyKey, CheckoutRequest request) {
		try {
			Result result = run(idempotencyKey, request);
			countOutcome(result.created() ? "confirmed" : "replayed");
			return result;
		}
		catch (ProblemException ex) {
			countOutcome(ex.slug().replace('-', '_'));
			throw ex;
		}
	}

	private void countOutcome(String outcome) {
		Counter.builder(LabMetrics.CHECKOUT_OUTCOMES).tag("outcome", outcome).register(this.meters).increment();
	}

	private Result run(String idempotencyKey, CheckoutRequest request) {
		requireDistinctSkus(request.lines());
		requireUnexpiredCard(request.card());
		UUID orderId = UUID.randomUUID();
		List<Order.Line> lines = request.lines()
			.stream()
			.map((line) -> new Order.Line(line.sku(), line.quantity(), null))
			.toList();
		Orders.Claim claim = this.orders.claim(new Orders.NewOrder(orderId, request.customerId(), lines),
				idempotencyKey, hash(request), request.email());
		// lets a person (or the toolkit) find the trace of an order: tag order.id in
		// Zipkin or Jaeger
		Span.current()
			.setAttribute("order.id", claim.order().orderId().toString())
			.setAttribute("customer.id", request.customerId());
		if (!claim.created()) {
			return replay(claim);
		}
		// which side of every fix being rolled out this order is on: for a canary's
		// verdict
		List<CanaryCohorts.Cohort> cohorts = this.cohorts.of(orderId.toString(), request.customerId());
		long started = System.nanoTime();
		boolean error = true;
		try {
			Result result = new Result(runSaga(orderId, request), true);
			error = false;
			return result;
		}
		catch (ProblemException ex) {
			// a business refusal (out of stock, declined) is the lab working
			error = ex.getStatusCode().is5xxServerError();
			throw ex;
		}
		finally {
			this.cohorts.record(cohorts, Duration.ofNanos(System.nanoTime() - started), error);
		}
	}

	private Result replay(Orders.Claim claim) {
		Order order = claim.order();
		if (!claim.sameRequest()) {
			throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
					"Idempotency key reused", "This Idempotency-Key was used for a different checkout request.")
				.with("orderId", order.orderId());
		}
		if (order.status() == OrderStatus.CONFIRMED) {
			return new Result(order, false);
		}
		if (order.status() == OrderStatus.FAILED) {
			Order.Failure failure = order.failure();
			ProblemException replay = new ProblemException(HttpStatus.valueOf(failure.status()), failure.type(),
					failure.title(), failure.detail());
			failure.properties().forEach(replay::with);
			throw replay.with("orderId", order.orderId());
		}
		throw new ProblemException(HttpStatus.CONFLICT, "checkout-in-progress", "Checkout in progress",
				"A checkout with this Idempotency-Key is still running; ask again shortly.")
			.with("orderId", order.orderId());
	}

	private Order runSaga(UUID orderId, CheckoutRequest request) {
		Inventory.Reservation reservation = reserve(orderId, request);
		Saga saga = new Saga(orderId);
		saga.reservation = reservation.reservationId();
		FlagContext order = FlagContext.order(orderId.toString(), request.customerId());

		FraudCheck.Assessment assessment;
		String scoring;
		try {
			assessment = this.fraud.score(orderId, request, reservation.totalCents());
			scoring = "fraud check: " + assessment.decision() + " (score " + assessment.score() + ")";
		}
		catch (DownstreamException ex) {
			if (ex.isRefusal() || !this.resilience.isOn(order)) {
				throw saga.fail(ex, unavailable(ex));
			}
			assessment = fraudFallback(saga, reservation.totalCents(), ex);
			scoring = "fraud check unavailable (" + ex.detail() + "): REVIEW by the fallback for orders up to "
					+ this.resilienceProperties.fraudFallback().reviewUpToCents() + " cents";
		}
		this.orders.scored(orderId, assessment.decision(), scoring);
		if (assessment.denied()) {
			throw saga.fail(null,
					new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "order-denied", "Order denied",
							"The fraud check denied this order (score " + assessment.score() + ").")
						.with("reasons", assessment.reasons()));
		}

		Payments.Payment payment;
		try {
			payment = this.payments.authorize("checkout-" + orderId + "-authorize", orderId, reservation.totalCents(),
					request.card());
		}
		catch (DownstreamException ex) {
			if (!this.resilience.isOn(order)) {
				throw saga.fail(ex, paymentProblem(ex));
			}
			// payment may complete an authorization checkout stopped waiting for
			saga.authorizationUnknown = ex.outcomeUnknown();
			ProblemException problem = guardedPaymentProblem(ex);
			if (problem.slug().equals(PAYMENT_UNAVAILABLE)) {
				fallback(DownstreamGuards.PAYMENT, REFUSED, ex);
			}
			throw saga.fail(ex, problem);
		}
		saga.payment = payment.paymentId();
		this.orders.authorized(orderId, payment.paymentId());

		try {
			this.inventory.confirm(reservation.reservationId());
		}
		catch (DownstreamException ex) {
			throw saga.fail(ex,
					ex.isRefusal()
							? new ProblemException(HttpStatus.CONFLICT, "reservation-lapsed", "Reservation lapsed",
									"The stock reservation expired before the order could be confirmed.")
							: unavailable(ex));
		}
		saga.reservationConfirmed = true;

		String captured = capture(saga, payment.paymentId(), order);
		this.orders.advance(orderId, OrderStatus.CONFIRMED, captured);
		return this.orders.find(orderId).orElseThrow();
	}

	/**
	 * The fraud check is unavailable: a small order goes on as REVIEW, a large one is
	 * refused.
	 */
	private FraudCheck.Assessment fraudFallback(Saga saga, long totalCents, DownstreamException ex) {
		long reviewUpTo = this.resilienceProperties.fraudFallback().reviewUpToCents();
		if (totalCents > reviewUpTo) {
			fallback(DownstreamGuards.FRAUD, REFUSED, ex);
			throw saga.fail(ex, new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, FRAUD_CHECK_UNAVAILABLE,
					"Fraud check unavailable",
					"The fraud check is unavailable (" + ex.detail() + ") and an order above " + reviewUpTo
							+ " cents needs one; nothing was charged and the stock was released. Try again later.")
				.with("service", ex.service())
				.with("reviewUpToCents", reviewUpTo));
		}
		fallback(DownstreamGuards.FRAUD, REVIEW, ex);
		return new FraudCheck.Assessment("REVIEW", 0, List.of());
	}

	private void fallback(String downstream, String fallback, DownstreamException cause) {
		fallbackCounter(this.meters, downstream, fallback).increment();
		Span.current()
			.addEvent(FALLBACK_EVENT,
					Attributes.of(DOWNSTREAM, downstream, FALLBACK, fallback, REASON, cause.getMessage()));
		logger.info("Checkout fallback ({} {}): {}", downstream, fallback, cause.getMessage());
	}

	private static Counter fallbackCounter(MeterRegistry meters, String downstream, String fallback) {
		return Counter.builder(FALLBACKS).tag("downstream", downstream).tag("fallback", fallback).register(meters);
	}

	private Inventory.Reservation reserve(UUID orderId, CheckoutRequest request) {
		try {
			Inventory.Reservation reservation = this.inventory.reserve(orderId, request.lines());
			List<Order.Line> priced = reservation.lines()
				.stream()
				.map((line) -> new Order.Line(line.sku(), line.quantity(), line.unitPriceCents()))
				.toList();
			this.orders.reserved(orderId, reservation.reservationId(), priced, reservation.totalCents());
			return reservation;
		}
		catch (DownstreamException ex) {
			if ("unknown-sku".equals(ex.slug())) {
				// the request itself was wrong: leave no order behind
				this.orders.forget(orderId);
				throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-sku", "Unknown SKU", ex.detail())
					.with("sku", ex.properties().get("sku"));
			}
			Saga saga = new Saga(orderId);
			if ("out-of-stock".equals(ex.slug())) {
				throw saga.fail(ex,
						new ProblemException(HttpStatus.CONFLICT, "out-of-stock", "Out of stock", ex.detail())
							.with("sku", ex.properties().get("sku")));
			}
			// an unanswered reserve may still have held stock: inventory expires it after
			// its TTL
			throw saga.fail(ex, unavailable(ex));
		}
	}

	private String capture(Saga saga, UUID paymentId, FlagContext order) {
		DownstreamException last = null;
		for (int attempt = 1; attempt <= Math.max(1, this.properties.captureAttempts()); attempt++) {
			try {
				this.payments.capture(paymentId, "checkout-" + saga.orderId + "-capture");
				return "reservation confirmed and payment captured";
			}
			catch (DownstreamException ex) {
				last = ex;
				if (ex.isRefusal()) {
					break;
				}
				logger.warn("Capture attempt {} for order {} failed: {}", attempt, saga.orderId, ex.getMessage());
			}
		}
		if (this.resilience.isOn(order) && capturedAfterAll(saga, paymentId)) {
			return "reservation confirmed and payment captured (a capture's answer was lost: "
					+ "payment said it was captured when asked to void it)";
		}
		throw saga.fail(last, unavailable(last));
	}

	/**
	 * Whether a capture checkout got no answer to went through all the same: short
	 * timeouts make that likelier, and failing the order would then leave a charge
	 * without an order. Voiding tells: payment refuses to void a captured payment.
	 */
	private boolean capturedAfterAll(Saga saga, UUID paymentId) {
		try {
			this.payments.cancel(paymentId);
			saga.paymentVoided = true;
			return false;
		}
		catch (DownstreamException ex) {
			return "payment-already-captured".equals(ex.slug());
		}
	}

	private static ProblemException paymentProblem(DownstreamException ex) {
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

	private static ProblemException guardedPaymentProblem(DownstreamException ex) {
		return switch (ex.slug()) {
			case "card-declined", "card-network-error" -> paymentProblem(ex);
			default -> ex.isRefusal() ? refused(ex)
					: new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, PAYMENT_UNAVAILABLE, "Payment unavailable",
							"The payment service is unavailable (" + ex.detail()
									+ "); nothing was charged and the stock was released. Try again later.")
						.with("service", ex.service());
		};
	}

	private static ProblemException refused(DownstreamException ex) {
		// a 4xx the saga has no rule for: checkout sent something the service would not
		// take
		return new ProblemException(HttpStatus.BAD_GATEWAY, "dependency-refused", "Dependency refused the order",
				ex.service() + " refused the order (" + ex.slug() + "): " + ex.detail())
			.with("service", ex.service());
	}

	private static ProblemException unavailable(DownstreamException ex) {
		return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable", "Dependency unavailable",
				"The checkout could not be completed: " + ex.getMessage())
			.with("service", ex.service());
	}

	private static Map<String, Object> extensionMembers(ProblemException problem) {
		Map<String, Object> properties = new java.util.LinkedHashMap<>();
		if (problem.getBody().getProperties() != null) {
			problem.getBody().getProperties().forEach((name, value) -> {
				if (value != null) {
					properties.put(name, value);
				}
			});
		}
		return properties;
	}

	private void requireUnexpiredCard(CheckoutRequest.Card card) {
		YearMonth expiry = YearMonth.parse(card.expiry(), DateTimeFormatter.ofPattern("MM/yy"));
		if (expiry.isBefore(YearMonth.now(this.clock))) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
					"The request is invalid: card.expiry " + card.expiry() + " is in the past")
				.with("errors", List.of(Map.of("field", "card.expiry", "message", "is in the past")));
		}
	}

	private static void requireDistinctSkus(List<CheckoutRequest.LineItem> lines) {
		Set<String> seen = new HashSet<>();
		for (CheckoutRequest.LineItem line : lines) {
			if (!seen.add(line.sku())) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
						"SKU " + line.sku() + " appears on more than one line; put the whole quantity on one line.")
					.with("sku", line.sku())
					.with("errors", List.of(Map.of("field", "lines[" + lines.indexOf(line) + "].sku", "message",
							"appears on more than one line")));
			}
		}
	}

	private String hash(CheckoutRequest request) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(this.jsonMapper.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
			return java.util.HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What one run has done so far, so that a failure undoes exactly that.
	 */
	private final class Saga {

		private final UUID orderId;

		private UUID reservation;

		private UUID payment;

		private boolean reservationConfirmed;

		/** Payment may have authorized, but checkout got no answer. */
		private boolean authorizationUnknown;

		/** The authorization was voided already (after a capture that got no answer). */
		private boolean paymentVoided;

		Saga(UUID orderId) {
			this.orderId = orderId;
		}

		ProblemException fail(DownstreamException cause, ProblemException problem) {
			if (cause != null) {
				logger.info("Checkout {} failed: {}", this.orderId, cause.getMessage());
			}
			StringBuilder note = new StringBuilder(problem.slug());
			if (this.payment != null || this.reservation != null) {
				CheckoutSaga.this.orders.advance(this.orderId, OrderStatus.COMPENSATING, problem.slug());
			}
			// whatever payment may still hold for the order is voided by the recovery job
			// from this time on, should voiding it now fail or payment authorize late
			Instant voidAuthorizationsAfter = null;
			if (this.payment != null && this.paymentVoided) {
				note.append("; authorization voided");
			}
			else if (this.payment != null && !compensate(note, "authorization voided",
					() -> CheckoutSaga.this.payments.cancel(this.payment))) {
				voidAuthorizationsAfter = CheckoutSaga.this.clock.instant();
			}
			if (this.authorizationUnknown) {
				compensate(note, "authorizations of the order looked up and voided",
						() -> CheckoutSaga.this.payments.voidAuthorizations(this.orderId));
				// payment may still complete it after its own worst case
				Duration delay = CheckoutSaga.this.resilienceProperties.lateAuthorizationSweep();
				voidAuthorizationsAfter = CheckoutSaga.this.clock.instant().plus(delay);
				note.append("; a late authorization is voided after ")
					.append((delay.toMillis() % 1000 == 0) ? delay.toSeconds() + "s" : delay.toMillis() + "ms");
			}
			if (this.reservation != null && !this.reservationConfirmed) {
				compensate(note, "reservation released", () -> CheckoutSaga.this.inventory.release(this.reservation));
			}
			else if (this.reservationConfirmed) {
				note.append("; reservation stays confirmed: stock needs a manual return");
			}
			CheckoutSaga.this.orders.failed(this.orderId,
					new Order.Failure(problem.getStatusCode().value(), problem.slug(), problem.getBody().getTitle(),
							problem.getBody().getDetail(), extensionMembers(problem)),
					note.toString(), voidAuthorizationsAfter);
			return problem.with("orderId", this.orderId);
		}

		/** Runs a step of compensation, notes how it went, and says whether it did. */
		private boolean compensate(StringBuilder note, String what, Runnable step) {
			try {
				step.run();
				note.append("; ").append(what);
				return true;
			}
			catch (DownstreamException ex) {
				logger.warn("Compensation for order {} failed ({}): {}", this.orderId, what, ex.getMessage());
				note.append("; NOT ").append(what).append(" (").append(ex.getMessage()).append(')');
				return false;
			}
		}

	}

	/**
	 * @param order the order
	 * @param created whether this call created it (false for a replay)
	 */
	public record Result(Order order, boolean created) {
	}

}
