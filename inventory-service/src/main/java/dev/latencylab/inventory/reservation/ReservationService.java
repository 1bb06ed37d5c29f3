package dev.latencylab.inventory.reservation;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.latencylab.inventory.catalogue.Catalogue;
import dev.latencylab.inventory.stock.DemandCheck;
import dev.latencylab.kit.LabMetrics;
import dev.latencylab.kit.ProblemException;

/**
 * Holds stock for orders, all or nothing, and moves reservations through their life:
 * {@code PENDING} to {@code CONFIRMED}, {@code RELEASED} or {@code EXPIRED}.
 *
 * <p>
 * Every change runs in one transaction that first locks the reservation row, then the
 * product rows in SKU order (see {@link Reservations}).
 */
@Service
public class ReservationService {

	private final Reservations reservations;

	private final Catalogue catalogue;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final ReservationProperties properties;

	private final MeterRegistry meters;

	private final DemandCheck demandCheck;

	ReservationService(Reservations reservations, Catalogue catalogue, PlatformTransactionManager transactionManager,
			Clock clock, ReservationProperties properties, MeterRegistry meters, DemandCheck demandCheck) {
		this.meters = meters;
		this.demandCheck = demandCheck;
		this.reservations = reservations;
		this.catalogue = catalogue;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * Holds stock for every line of an order, or for none of them.
	 * @param request the order and its lines
	 * @return the reservation, and whether this request created it
	 * @throws ProblemException 400 for a repeated SKU, 422 for an unknown one, 409 when a
	 * line is out of stock
	 */
	Outcome reserve(ReserveRequest request) {
		requireDistinctSkus(request.lines());
		// before the transaction: a slow read must not hold product row locks
		this.demandCheck.check(request.orderId(),
				request.lines().stream().max(Comparator.comparing(ReserveRequest.Line::quantity)).orElseThrow().sku());
		return this.transactions.execute((status) -> reserveInTransaction(request));
	}

	/**
	 * @param reservationId the reservation
	 * @return the reservation
	 * @throws ProblemException 404 when there is none
	 */
	public Reservation find(UUID reservationId) {
		return this.reservations.find(reservationId).orElseThrow(() -> unknownReservation(reservationId));
	}

	/**
	 * Makes a pending reservation final; confirming a confirmed one again changes
	 * nothing. A pending reservation past its expiry is expired rather than confirmed,
	 * whether or not the expiry job has come by yet.
	 * @param reservationId the reservation
	 * @return the confirmed reservation
	 * @throws ProblemException 404 when there is none, 409 when it was released or
	 * expired
	 */
	public Reservation confirm(UUID reservationId) {
		Transition transition = this.transactions.execute((status) -> {
			Reservations.Locked locked = lock(reservationId);
			Instant now = now();
			if (locked.overdue(now)) {
				expire(List.of(reservationId), now);
				return new Transition(find(reservationId), false);
			}
			if (locked.status() == ReservationStatus.PENDING) {
				this.reservations.setStatus(List.of(reservationId), ReservationStatus.CONFIRMED, now);
			}
			return new Transition(find(reservationId),
					locked.status() != ReservationStatus.RELEASED && locked.status() != ReservationStatus.EXPIRED);
		});
		return transition.orRefuse("confirmed");
	}

	/**
	 * Gives a pending reservation's stock back; releasing a released (or expired) one
	 * again changes nothing.
	 * @param reservationId the reservation
	 * @return the reservation, {@code RELEASED} (or {@code EXPIRED} when the expiry job
	 * gave the stock back first)
	 * @throws ProblemException 404 when there is none, 409 when it was confirmed
	 */
	public Reservation release(UUID reservationId) {
		Transition transition = this.transactions.execute((status) -> {
			Reservations.Locked locked = lock(reservationId);
			if (locked.status() == ReservationStatus.PENDING) {
				this.reservations.giveBack(List.of(reservationId));
				this.reservations.setStatus(List.of(reservationId), ReservationStatus.RELEASED, now());
			}
			return new Transition(find(reservationId), locked.status() != ReservationStatus.CONFIRMED);
		});
		return transition.orRefuse("released");
	}

	/**
	 * Expires one batch of overdue pending reservations and gives their stock back.
	 * Reservations another transaction holds are skipped and left for the next run.
	 * @return how many reservations were expired
	 */
	int expireOverdueBatch() {
		Integer expired = this.transactions.execute((status) -> {
			Instant now = now();
			List<UUID> overdue = this.reservations.lockOverdue(now, this.properties.expiryBatchSize());
			if (!overdue.isEmpty()) {
				expire(overdue, now);
			}
			return overdue.size();
		});
		return (expired != null) ? expired : 0;
	}

	private void countFailure(String reason) {
		Counter.builder(LabMetrics.RESERVATION_FAILURES).tag("reason", reason).register(this.meters).increment();
	}

	private Outcome reserveInTransaction(ReserveRequest request) {
		Optional<Reservation> existing = this.reservations.findByOrder(request.orderId());
		if (existing.isPresent()) {
			return new Outcome(existing.get(), false);
		}
		List<ReserveRequest.Line> bySku = new ArrayList<>(request.lines());
		bySku.sort(Comparator.comparing(ReserveRequest.Line::sku));
		Map<String, Long> prices = this.catalogue.prices(bySku.stream().map(ReserveRequest.Line::sku).toList());
		for (ReserveRequest.Line line : bySku) {
			if (!prices.containsKey(line.sku())) {
				countFailure("unknown_sku");
				throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-sku", "Unknown SKU",
						"The catalogue has no product " + line.sku() + ".")
					.with("sku", line.sku());
			}
		}
		List<Reservation.Line> lines = request.lines()
			.stream()
			.map((line) -> new Reservation.Line(line.sku(), line.quantity(), prices.get(line.sku())))
			.toList();
		long totalCents = lines.stream().mapToLong((line) -> line.quantity() * line.unitPriceCents()).sum();
		UUID reservationId = UUID.randomUUID();
		Instant now = now();
		if (!this.reservations.insert(reservationId, request.orderId(), totalCents, now,
				now.plus(this.properties.ttl()))) {
			return new Outcome(this.reservations.findByOrder(request.orderId()).orElseThrow(), false);
		}
		// SKU order: two reservations sharing products lock them in the same order and
		// so cannot deadlock
		for (ReserveRequest.Line line : bySku) {
			if (!this.reservations.take(line.sku(), line.quantity())) {
				int available = this.reservations.available(line.sku());
				countFailure("out_of_stock");
				// thrown inside the transaction: every line taken so far is rolled back
				throw new ProblemException(HttpStatus.CONFLICT, "out-of-stock", "Out of stock",
						"Requested " + line.quantity() + " of " + line.sku() + "; " + available + " are available.")
					.with("sku", line.sku())
					.with("requested", line.quantity())
					.with("available", available);
			}
		}
		for (int i = 0; i < lines.size(); i++) {
			this.reservations.insertLine(reservationId, i, lines.get(i));
		}
		return new Outcome(find(reservationId), true);
	}

	private void expire(List<UUID> reservationIds, Instant now) {
		this.reservations.giveBack(reservationIds);
		this.reservations.setStatus(reservationIds, ReservationStatus.EXPIRED, now);
	}

	private Reservations.Locked lock(UUID reservationId) {
		return this.reservations.lock(reservationId).orElseThrow(() -> unknownReservation(reservationId));
	}

	private Instant now() {
		// PostgreSQL keeps microseconds: truncating keeps expiresAt the same on every
		// read
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static void requireDistinctSkus(List<ReserveRequest.Line> lines) {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < lines.size(); i++) {
			String sku = lines.get(i).sku();
			if (!seen.add(sku)) {
				String message = "repeats " + sku + "; put the whole quantity on one line";
				throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
						"The request is invalid: lines[" + i + "].sku " + message)
					.with("errors", List.of(Map.of("field", "lines[" + i + "].sku", "message", message)))
					.with("sku", sku);
			}
		}
	}

	private static ProblemException unknownReservation(UUID reservationId) {
		return new ProblemException(HttpStatus.NOT_FOUND, "unknown-reservation", "Unknown reservation",
				"There is no reservation " + reservationId + ".")
			.with("reservationId", reservationId);
	}

	/**
	 * @param reservation the reservation after the request
	 * @param created whether this request created it, or found it made already
	 */
	record Outcome(Reservation reservation, boolean created) {
	}

	private record Transition(Reservation reservation, boolean allowed) {

		/** Refuses after the transaction committed, so that what it changed stays. */
		Reservation orRefuse(String pastParticiple) {
			if (!this.allowed) {
				throw new ProblemException(HttpStatus.CONFLICT, "reservation-not-pending", "Reservation not pending",
						"Reservation " + this.reservation.reservationId() + " is " + this.reservation.status()
								+ "; it cannot be " + pastParticiple + " any more.")
					.with("reservationId", this.reservation.reservationId())
					.with("status", this.reservation.status());
			}
			return this.reservation;
		}

	}

}
