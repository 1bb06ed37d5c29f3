package dev.latencylab.checkout.saga;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import dev.latencylab.checkout.order.Order;
import dev.latencylab.checkout.order.OrderStatus;
import dev.latencylab.checkout.order.Orders;
import dev.latencylab.kit.CanaryCohorts;
import dev.latencylab.kit.FlagContext;
import dev.latencylab.kit.LabMetrics;
import dev.latencylab.kit.ProblemException;

/**
 * The checkout saga: reserve stock, score fraud, authorize the payment, confirm the
 * reservation, capture the payment. A failing step undoes the ones before it
 * ({@link Compensation}) and the order ends FAILED with the answer the caller got, so
 * that a retry with the same idempotency key gets the same answer.
 *
 * <p>
 * With {@code checkout-resilience} on, an unavailable service falls back
 * ({@link CheckoutFallbacks}), and an authorization payment may have completed after
 * checkout stopped waiting is voided, now and once more later.
 */
@Service
public class CheckoutSaga {

	private static final Logger logger = LoggerFactory.getLogger(CheckoutSaga.class);

	private final Orders orders;

	private final Inventory inventory;

	private final FraudCheck fraud;

	private final Payments payments;

	private final SagaProperties properties;

	private final RequestChecks checks;

	private final Compensation compensation;

	private final CheckoutFallbacks fallbacks;

	private final CanaryCohorts cohorts;

	private final MeterRegistry meters;

	CheckoutSaga(Orders orders, Inventory inventory, FraudCheck fraud, Payments payments, SagaProperties properties,
			RequestChecks checks, Compensation compensation, CheckoutFallbacks fallbacks, CanaryCohorts cohorts,
			MeterRegistry meters) {
		this.orders = orders;
		this.inventory = inventory;
		this.fraud = fraud;
		this.payments = payments;
		this.properties = properties;
		this.checks = checks;
		this.compensation = compensation;
		this.fallbacks = fallbacks;
		this.cohorts = cohorts;
		this.meters = meters;
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
		this.checks.require(request);
		UUID orderId = UUID.randomUUID();
		List<Order.Line> lines = request.lines()
			.stream()
			.map((line) -> new Order.Line(line.sku(), line.quantity(), null))
			.toList();
		Orders.Claim claim = this.orders.claim(new Orders.NewOrder(orderId, request.customerId(), lines),
				idempotencyKey, this.checks.fingerprint(request), request.email());
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

	/** The same answer as the first time the key was used. */
	private static Result replay(Orders.Claim claim) {
		Order order = claim.order();
		if (!claim.sameRequest()) {
			throw CheckoutProblems.keyReused().with("orderId", order.orderId());
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
		throw CheckoutProblems.inProgress().with("orderId", order.orderId());
	}

	private Order runSaga(UUID orderId, CheckoutRequest request) {
		Inventory.Reservation reservation = reserve(orderId, request);
		Compensation.Run saga = this.compensation.begin(orderId);
		saga.reserved(reservation.reservationId());
		FlagContext order = FlagContext.order(orderId.toString(), request.customerId());

		FraudCheck.Assessment assessment = score(saga, request, reservation.totalCents(), order);
		if (assessment.denied()) {
			throw saga.fail(null, CheckoutProblems.denied(assessment));
		}

		Payments.Payment payment = authorize(saga, request, reservation.totalCents(), order);
		saga.authorized(payment.paymentId());
		this.orders.authorized(orderId, payment.paymentId());

		try {
			this.inventory.confirm(reservation.reservationId());
		}
		catch (DownstreamException ex) {
			throw saga.fail(ex, CheckoutProblems.confirmationFailed(ex));
		}
		saga.reservationConfirmed();

		String captured = capture(saga, payment.paymentId());
		this.orders.advance(orderId, OrderStatus.CONFIRMED, captured);
		return this.orders.find(orderId).orElseThrow();
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
				throw CheckoutProblems.unknownSku(ex);
			}
			Compensation.Run saga = this.compensation.begin(orderId);
			if ("out-of-stock".equals(ex.slug())) {
				throw saga.fail(ex, CheckoutProblems.outOfStock(ex));
			}
			// an unanswered reserve may still have held stock: inventory expires it after
			// its TTL
			throw saga.fail(ex, CheckoutProblems.unavailable(ex));
		}
	}

	private FraudCheck.Assessment score(Compensation.Run saga, CheckoutRequest request, long totalCents,
			FlagContext order) {
		FraudCheck.Assessment assessment;
		String scoring;
		try {
			assessment = this.fraud.score(saga.orderId(), request, totalCents);
			scoring = "fraud check: " + assessment.decision() + " (score " + assessment.score() + ")";
		}
		catch (DownstreamException ex) {
			if (ex.isRefusal() || !this.fallbacks.enabledFor(order)) {
				throw saga.fail(ex, CheckoutProblems.unavailable(ex));
			}
			assessment = this.fallbacks.fraudCheck(saga, totalCents, ex);
			scoring = "fraud check unavailable (" + ex.detail() + "): REVIEW by the fallback for orders up to "
					+ this.fallbacks.reviewUpToCents() + " cents";
		}
		this.orders.scored(saga.orderId(), assessment.decision(), scoring);
		return assessment;
	}

	private Payments.Payment authorize(Compensation.Run saga, CheckoutRequest request, long totalCents,
			FlagContext order) {
		try {
			return this.payments.authorize("checkout-" + saga.orderId() + "-authorize", saga.orderId(), totalCents,
					request.card());
		}
		catch (DownstreamException ex) {
			if (!this.fallbacks.enabledFor(order)) {
				throw saga.fail(ex, CheckoutProblems.payment(ex));
			}
			if (ex.outcomeUnknown()) {
				// payment may complete an authorization checkout stopped waiting for
				saga.authorizationUnknown();
			}
			ProblemException problem = CheckoutProblems.guardedPayment(ex);
			if (problem.slug().equals(CheckoutProblems.PAYMENT_UNAVAILABLE)) {
				this.fallbacks.paymentUnavailable(ex);
			}
			throw saga.fail(ex, problem);
		}
	}

	private String capture(Compensation.Run saga, UUID paymentId) {
		DownstreamException last = null;
		for (int attempt = 1; attempt <= Math.max(1, this.properties.captureAttempts()); attempt++) {
			try {
				this.payments.capture(paymentId, "checkout-" + saga.orderId() + "-capture");
				return "reservation confirmed and payment captured";
			}
			catch (DownstreamException ex) {
				last = ex;
				if (ex.isRefusal()) {
					break;
				}
				logger.warn("Capture attempt {} for order {} failed: {}", attempt, saga.orderId(), ex.getMessage());
			}
		}
		if (capturedAfterAll(saga, paymentId)) {
			return "reservation confirmed and payment captured (a capture's answer was lost: "
					+ "payment said it was captured when asked to void it)";
		}
		throw saga.fail(last, CheckoutProblems.unavailable(last));
	}

	/**
	 * Whether a capture checkout got no answer to went through all the same (short
	 * timeouts make that likelier, and so does payment-service stopping after it
	 * captured): failing the order would then leave a charge without an order. Voiding
	 * tells: payment refuses to void a captured payment. When payment does not answer
	 * this either, the order fails with its void due for the recovery job, which confirms
	 * it if it finds the payment captured.
	 */
	private boolean capturedAfterAll(Compensation.Run saga, UUID paymentId) {
		try {
			this.payments.cancel(paymentId);
			saga.paymentVoided();
			return false;
		}
		catch (DownstreamException ex) {
			return "payment-already-captured".equals(ex.slug());
		}
	}

	/**
	 * @param order the order
	 * @param created whether this call created it (false for a replay)
	 */
	public record Result(Order order, boolean created) {
	}

}
