package dev.latencylab.checkout.saga;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.latencylab.checkout.order.Order;
import dev.latencylab.checkout.order.OrderStatus;
import dev.latencylab.checkout.order.Orders;
import dev.latencylab.kit.ProblemException;

/**
 * Undoes what a failed checkout did, in reverse: voids the authorization, releases the
 * reservation, and ends the order FAILED with the answer the caller got and a note of
 * each step. A step that fails is noted and left to the recovery job: a void that payment
 * could not take, or an authorization payment may still complete after checkout stopped
 * waiting, is kept with the order as a time after which the job voids it.
 */
@Component
class Compensation {

	private static final Logger logger = LoggerFactory.getLogger(Compensation.class);

	private final Orders orders;

	private final Inventory inventory;

	private final Payments payments;

	private final FallbackProperties fallbacks;

	private final Clock clock;

	Compensation(Orders orders, Inventory inventory, Payments payments, FallbackProperties fallbacks, Clock clock) {
		this.orders = orders;
		this.inventory = inventory;
		this.payments = payments;
		this.fallbacks = fallbacks;
		this.clock = clock;
	}

	/**
	 * @param orderId the order a checkout runs for
	 * @return what the run has done so far: nothing yet
	 */
	Run begin(UUID orderId) {
		return new Run(orderId);
	}

	/**
	 * What one run has done so far, so that a failure undoes exactly that.
	 */
	final class Run {

		private final UUID orderId;

		private UUID reservation;

		private UUID payment;

		private boolean reservationConfirmed;

		/** Payment may have authorized, but checkout got no answer. */
		private boolean authorizationUnknown;

		/** The authorization was voided already (after a capture that got no answer). */
		private boolean paymentVoided;

		private Run(UUID orderId) {
			this.orderId = orderId;
		}

		UUID orderId() {
			return this.orderId;
		}

		void reserved(UUID reservationId) {
			this.reservation = reservationId;
		}

		void authorized(UUID paymentId) {
			this.payment = paymentId;
		}

		/** Payment got the authorization but did not answer: it may complete it later. */
		void authorizationUnknown() {
			this.authorizationUnknown = true;
		}

		void reservationConfirmed() {
			this.reservationConfirmed = true;
		}

		void paymentVoided() {
			this.paymentVoided = true;
		}

		/**
		 * Undoes what the run did and ends the order FAILED.
		 * @param cause the failure of another service, if one was the cause
		 * @param problem the answer the caller gets
		 * @return the problem, with the order's id
		 */
		ProblemException fail(DownstreamException cause, ProblemException problem) {
			if (cause != null) {
				logger.info("Checkout {} failed: {}", this.orderId, cause.getMessage());
			}
			StringBuilder note = new StringBuilder(problem.slug());
			if (this.payment != null || this.reservation != null) {
				Compensation.this.orders.advance(this.orderId, OrderStatus.COMPENSATING, problem.slug());
			}
			Instant voidAuthorizationsAfter = voidAuthorization(note);
			if (this.reservation != null && !this.reservationConfirmed) {
				compensate(note, "reservation released", () -> Compensation.this.inventory.release(this.reservation));
			}
			else if (this.reservationConfirmed) {
				note.append("; reservation stays confirmed: stock needs a manual return");
			}
			Compensation.this.orders.failed(this.orderId,
					new Order.Failure(problem.getStatusCode().value(), problem.slug(), problem.getBody().getTitle(),
							problem.getBody().getDetail(), CheckoutProblems.extensionMembers(problem)),
					note.toString(), voidAuthorizationsAfter);
			return problem.with("orderId", this.orderId);
		}

		/**
		 * Voids what payment holds for the order.
		 * @return from when the recovery job voids whatever payment may still hold for
		 * the order (voiding it now failed, or payment may authorize late), or null
		 */
		private Instant voidAuthorization(StringBuilder note) {
			Instant after = null;
			if (this.payment != null && this.paymentVoided) {
				note.append("; authorization voided");
			}
			else if (this.payment != null && !compensate(note, "authorization voided",
					() -> Compensation.this.payments.cancel(this.payment))) {
				after = Compensation.this.clock.instant();
			}
			if (this.authorizationUnknown) {
				compensate(note, "authorizations of the order looked up and voided",
						() -> Compensation.this.payments.voidAuthorizations(this.orderId));
				// payment may still complete it after its own worst case
				Duration delay = Compensation.this.fallbacks.lateAuthorizationSweep();
				after = Compensation.this.clock.instant().plus(delay);
				note.append("; a late authorization is voided after ")
					.append((delay.toMillis() % 1000 == 0) ? delay.toSeconds() + "s" : delay.toMillis() + "ms");
			}
			return after;
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

}
