package dev.latencylab.payment.authorization;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.latencylab.kit.FlagContext;
import dev.latencylab.kit.LabFlags;
import dev.latencylab.kit.LabMetrics;
import dev.latencylab.kit.ProblemException;
import dev.latencylab.kit.Scenario;
import dev.latencylab.kit.FaultSwitch;
import dev.latencylab.payment.cardnetwork.CardNetworkClient;
import dev.latencylab.payment.cardnetwork.CardNetworkException;
import dev.latencylab.payment.cardnetwork.NetworkDecision;
import dev.latencylab.payment.idempotency.IdempotencyKey;
import dev.latencylab.payment.idempotency.IdempotentRequests;
import dev.latencylab.payment.idempotency.StoredResponse;
import dev.latencylab.payment.ledger.Ledger;
import dev.latencylab.payment.ledger.LedgerEntryType;
import dev.latencylab.payment.system.InvalidRequest;

/**
 * Authorizes payments with the card network, then captures or voids them, writing a
 * ledger entry for every money movement in the same transaction as the payment change.
 *
 * <p>
 * Authorize and capture are idempotent by key ({@link IdempotentRequests}); void is
 * idempotent by nature. Capture and void lock the payment row first, so that they never
 * act on it at the same time.
 */
@Service
public class PaymentService {

	private final Payments payments;

	private final Ledger ledger;

	private final IdempotentRequests idempotentRequests;

	/** How long a request waits for a concurrent one with the same key to answer. */
	private static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(15);

	/** When a claimed, unanswered key counts as abandoned by a request that died. */
	private static final Duration ABANDONED_AFTER = Duration.ofMinutes(1);

	private final CardNetworkClient cardNetwork;

	private final FaultSwitch poolStarvation;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final JsonMapper jsonMapper;

	private final MeterRegistry meters;

	PaymentService(Payments payments, Ledger ledger, IdempotentRequests idempotentRequests,
			CardNetworkClient cardNetwork, PlatformTransactionManager transactionManager, Clock clock,
			JsonMapper jsonMapper, MeterRegistry meters, LabFlags flags) {
		this.poolStarvation = new FaultSwitch(flags, Scenario.PAYMENT_POOL_STARVATION,
				"authorizations hold their database connection while the card network answers",
				"authorizations call the card network between two short transactions, holding no connection");
		this.meters = meters;
		this.payments = payments;
		this.ledger = ledger;
		this.idempotentRequests = idempotentRequests;
		this.cardNetwork = cardNetwork;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Asks the card network to hold an amount, once per key. An approval is a payment
	 * {@code AUTHORIZED} with an {@code AUTHORIZATION} ledger entry (201); a decline is a
	 * payment {@code DECLINED} without any (402 {@code card-declined}). Both are stored
	 * under the key and answered again to a replay.
	 * @param key the caller's idempotency key
	 * @param request what to authorize
	 * @return the answer to give, first or replayed
	 * @throws ProblemException 400 for an invalid card, 422 when the key was used for
	 * another request, 502 when the card network gave no answer (nothing is stored, so a
	 * retry with the same key asks the network again)
	 */
	StoredResponse authorize(IdempotencyKey key, AuthorizeRequest request) {
		requireUsableCard(request.card());
		String requestHash = IdempotentRequests.hash("authorize", request.orderId().toString(),
				request.amountCents().toString(), request.currency(), request.card().number(), request.card().expiry());
		if (this.poolStarvation.mode(FlagContext.order(request.orderId().toString(), null)) == FaultSwitch.Mode.FIXED) {
			return authorizeOutsideTransaction(key, requestHash, request);
		}
		// payment-pool-starvation: a remote call inside a database transaction holds a
		// pooled connection for as long as the remote takes.
		// The network is asked inside the transaction that holds the key, so that a
		// concurrent request with the same key waits instead of charging the card again.
		return this.transactions.execute((status) -> this.idempotentRequests.once(key, requestHash,
				() -> recordDecision(request, askNetwork(request))));
	}

	/**
	 * The fix of {@code payment-pool-starvation}: the key is claimed in one short
	 * transaction, the card network is asked holding no connection, and the answer is
	 * recorded in a second short transaction. A concurrent request with the same key
	 * finds the key claimed and waits for the stored answer without holding a connection
	 * either, so the card is still charged once.
	 */
	private StoredResponse authorizeOutsideTransaction(IdempotencyKey key, String requestHash,
			AuthorizeRequest request) {
		long deadline = System.nanoTime() + IN_FLIGHT_WAIT.toNanos();
		IdempotentRequests.Claim claim;
		while (true) {
			claim = this.transactions
				.execute((status) -> this.idempotentRequests.claimSeparately(key, requestHash, ABANDONED_AFTER));
			if (claim.state() != IdempotentRequests.Claim.State.IN_FLIGHT) {
				break;
			}
			if (System.nanoTime() > deadline) {
				throw IdempotentRequests.inFlight(key);
			}
			pollPause();
		}
		if (claim.state() == IdempotentRequests.Claim.State.ANSWERED) {
			return claim.stored();
		}
		NetworkDecision decision;
		try {
			decision = askNetwork(request);
		}
		catch (RuntimeException ex) {
			// no decision: give the key back so that a retry asks the network again
			this.transactions.executeWithoutResult((status) -> this.idempotentRequests.release(key));
			throw ex;
		}
		try {
			return this.transactions.execute((status) -> {
				StoredResponse response = recordDecision(request, decision);
				this.idempotentRequests.complete(key, response);
				return response;
			});
		}
		catch (RuntimeException ex) {
			this.transactions.executeWithoutResult((status) -> this.idempotentRequests.release(key));
			throw ex;
		}
	}

	private static void pollPause() {
		try {
			// a poll interval while another request with the same key finishes
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a request with the same key", ex);
		}
	}

	/**
	 * Takes the held amount, once: capturing a captured payment again answers it as it
	 * is, without a second {@code CAPTURE} ledger entry.
	 * @param paymentId the payment
	 * @param key the caller's idempotency key
	 * @return the answer to give, first or replayed
	 * @throws ProblemException 404 for an unknown payment, 409 when it is voided or
	 * declined, 422 when the key was used for another request
	 */
	StoredResponse capture(UUID paymentId, IdempotencyKey key) {
		String requestHash = IdempotentRequests.hash("capture", paymentId.toString());
		return this.transactions.execute((status) -> this.idempotentRequests.once(key, requestHash, () -> {
			Payment payment = lock(paymentId);
			if (payment.status() == PaymentStatus.AUTHORIZED) {
				payment = moveMoney(payment, PaymentStatus.CAPTURED, LedgerEntryType.CAPTURE);
			}
			else if (payment.status() != PaymentStatus.CAPTURED) {
				throw new ProblemException(HttpStatus.CONFLICT, "payment-not-capturable", "Payment not capturable",
						"Payment " + paymentId + " is " + payment.status()
								+ "; only an authorized payment can be captured.")
					.with("paymentId", paymentId)
					.with("status", payment.status());
			}
			return new StoredResponse(HttpStatus.OK.value(), null, json(payment));
		}));
	}

	/**
	 * Lifts the hold on the card; voiding a voided payment again answers it as it is.
	 * @param paymentId the payment
	 * @return the voided payment
	 * @throws ProblemException 404 for an unknown payment, 409
	 * {@code payment-already-captured} when it was captured, 409
	 * {@code payment-not-voidable} when it was declined
	 */
	Payment voidAuthorization(UUID paymentId) {
		return this.transactions.execute((status) -> {
			Payment payment = lock(paymentId);
			switch (payment.status()) {
				case AUTHORIZED:
					return moveMoney(payment, PaymentStatus.VOIDED, LedgerEntryType.VOID);
				case VOIDED:
					return payment;
				case CAPTURED:
					throw new ProblemException(HttpStatus.CONFLICT, "payment-already-captured",
							"Payment already captured",
							"Payment " + paymentId + " was captured; a captured payment cannot be voided.")
						.with("paymentId", paymentId)
						.with("status", payment.status());
				default:
					throw new ProblemException(HttpStatus.CONFLICT, "payment-not-voidable", "Payment not voidable",
							"Payment " + paymentId + " is " + payment.status() + "; nothing is held to void.")
						.with("paymentId", paymentId)
						.with("status", payment.status());
			}
		});
	}

	/**
	 * @param paymentId the payment
	 * @return the payment
	 * @throws ProblemException 404 when there is none
	 */
	public Payment find(UUID paymentId) {
		return this.payments.find(paymentId).orElseThrow(() -> unknownPayment(paymentId));
	}

	/**
	 * @param orderId the order
	 * @return the order's payments, oldest first; empty when it has none
	 */
	public List<Payment> findByOrder(UUID orderId) {
		return this.payments.findByOrder(orderId);
	}

	private NetworkDecision askNetwork(AuthorizeRequest request) {
		AuthorizeRequest.Card card = request.card();
		try {
			return this.cardNetwork.authorize(request.orderId(), card.number(), request.amountCents(),
					request.currency());
		}
		catch (CardNetworkException ex) {
			// inside the transaction, the key claim is rolled back with it; outside, the
			// claim is released
			throw new ProblemException(HttpStatus.BAD_GATEWAY, "card-network-error", "Card network error",
					"The card network gave no answer; nothing was authorized. Retrying with the same "
							+ "Idempotency-Key is safe.")
				.with("orderId", request.orderId());
		}
	}

	private StoredResponse recordDecision(AuthorizeRequest request, NetworkDecision decision) {
		AuthorizeRequest.Card card = request.card();
		Instant now = now();
		UUID paymentId = UUID.randomUUID();
		if (decision.approved()) {
			Payment payment = new Payment(paymentId, request.orderId(), PaymentStatus.AUTHORIZED, request.amountCents(),
					request.currency(), card.last4());
			this.payments.insert(payment, null, now);
			this.ledger.record(paymentId, payment.orderId(), LedgerEntryType.AUTHORIZATION, payment.amountCents(),
					payment.currency(), now);
			return new StoredResponse(HttpStatus.CREATED.value(), "/api/payments/" + paymentId, json(payment));
		}
		Payment declined = new Payment(paymentId, request.orderId(), PaymentStatus.DECLINED, request.amountCents(),
				request.currency(), card.last4());
		this.payments.insert(declined, decision.declineCode(), now);
		Counter.builder(LabMetrics.PAYMENT_DECLINES)
			.tag("decline_code", decision.declineCode())
			.register(this.meters)
			.increment();
		return new StoredResponse(HttpStatus.PAYMENT_REQUIRED.value(), null, json(declinedProblem(declined, decision)));
	}

	private Payment moveMoney(Payment payment, PaymentStatus newStatus, LedgerEntryType movement) {
		Instant now = now();
		this.payments.setStatus(payment.paymentId(), newStatus, now);
		this.ledger.record(payment.paymentId(), payment.orderId(), movement, payment.amountCents(), payment.currency(),
				now);
		return payment.withStatus(newStatus);
	}

	private void requireUsableCard(AuthorizeRequest.Card card) {
		List<InvalidRequest.FieldError> errors = new ArrayList<>();
		if (!Luhn.isValid(card.number())) {
			errors.add(new InvalidRequest.FieldError("card.number", "fails the Luhn check"));
		}
		YearMonth expiry = YearMonth.of(2000 + Integer.parseInt(card.expiry().substring(3)),
				Integer.parseInt(card.expiry().substring(0, 2)));
		// a card is valid through the whole of its expiry month
		if (expiry.isBefore(YearMonth.now(this.clock))) {
			errors.add(new InvalidRequest.FieldError("card.expiry", "is in the past"));
		}
		if (!errors.isEmpty()) {
			throw InvalidRequest.of(errors);
		}
	}

	private Payment lock(UUID paymentId) {
		return this.payments.lock(paymentId).orElseThrow(() -> unknownPayment(paymentId));
	}

	private Instant now() {
		// PostgreSQL keeps microseconds: truncating keeps timestamps the same on every
		// read
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private String json(Object body) {
		return this.jsonMapper.writeValueAsString(body);
	}

	private static Map<String, Object> declinedProblem(Payment payment, NetworkDecision decision) {
		// rendered here rather than by the exception handler: the body is stored under
		// the
		// key and a replay must answer the very same bytes
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", ProblemException.type("card-declined").toString());
		problem.put("title", "Card declined");
		problem.put("status", HttpStatus.PAYMENT_REQUIRED.value());
		problem.put("detail", "The card network declined the payment (" + decision.declineCode() + ").");
		problem.put("instance", "/api/payments/authorizations");
		problem.put("declineCode", decision.declineCode());
		problem.put("paymentId", payment.paymentId());
		problem.put("orderId", payment.orderId());
		return problem;
	}

	private static ProblemException unknownPayment(UUID paymentId) {
		return new ProblemException(HttpStatus.NOT_FOUND, "unknown-payment", "Unknown payment",
				"There is no payment " + paymentId + ".")
			.with("paymentId", paymentId);
	}

}
