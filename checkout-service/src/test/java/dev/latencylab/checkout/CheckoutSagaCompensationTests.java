package dev.latencylab.checkout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import dev.latencylab.checkout.downstream.DownstreamFailures;
import dev.latencylab.checkout.order.Order;
import dev.latencylab.checkout.order.OrderStatus;
import dev.latencylab.checkout.order.Orders;
import dev.latencylab.checkout.saga.CheckoutRequest;
import dev.latencylab.checkout.saga.CheckoutSaga;
import dev.latencylab.checkout.saga.FraudCheck;
import dev.latencylab.checkout.saga.Inventory;
import dev.latencylab.checkout.saga.Payments;
import dev.latencylab.kit.ProblemException;
import dev.latencylab.kit.test.RealPostgres;

import static dev.latencylab.checkout.TestCheckouts.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The saga's compensation rules, step by step, with scripted stand-ins for the three
 * downstream services (the end-to-end suite runs the real ones) and the real order store
 * on PostgreSQL.
 */
@SpringBootTest
@RealPostgres
class CheckoutSagaCompensationTests {

	@Autowired
	CheckoutSaga saga;

	@Autowired
	Orders orders;

	@Autowired
	Script script;

	@BeforeEach
	void freshScript() {
		this.script.reset();
	}

	@Test
	void shouldReleaseTheReservationWhenFraudCannotBeReached() {
		this.script.fraudDown = true;

		ProblemException failure = checkoutFails();

		assertThat(failure.getStatusCode().value()).isEqualTo(503);
		assertThat(this.script.calls).containsExactly("reserve", "score", "release");
		assertThat(order(failure).status()).isEqualTo(OrderStatus.FAILED);
	}

	@Test
	void shouldVoidThePaymentAndReleaseWhenTheReservationLapsedBeforeConfirmation() {
		this.script.confirmRefused = true;

		ProblemException failure = checkoutFails();

		assertThat(failure.getStatusCode().value()).isEqualTo(409);
		assertThat(failure.slug()).isEqualTo("reservation-lapsed");
		assertThat(this.script.calls).containsExactly("reserve", "score", "authorize", "confirm", "void", "release");
	}

	@Test
	void shouldLeaveTheAuthorizationToTheRecoveryJobWhenPaymentCannotVoidIt() {
		this.script.confirmRefused = true;
		this.script.paymentDownForVoids = true;

		ProblemException failure = checkoutFails();

		assertThat(this.script.calls).containsExactly("reserve", "score", "authorize", "confirm", "void", "release");
		Order order = order(failure);
		assertThat(order.status()).isEqualTo(OrderStatus.FAILED);
		assertThat(order.history()).last()
			.extracting(Order.StatusChange::note)
			.asString()
			.contains("NOT authorization voided");
		assertThat(this.orders.authorizationsToVoid(Instant.now(), 1_000))
			.as("failed orders whose authorizations the recovery job voids")
			.contains(order.orderId());
	}

	@Test
	void shouldRetryACaptureThatFailedAndConfirmTheOrder() {
		this.script.captureFailures = 2;

		CheckoutSaga.Result result = this.saga.checkout(UUID.randomUUID().toString(), request());

		assertThat(result.order().status()).isEqualTo(OrderStatus.CONFIRMED);
		assertThat(this.script.calls).containsExactly("reserve", "score", "authorize", "confirm", "capture", "capture",
				"capture");
	}

	@Test
	void shouldVoidThePaymentWhenEveryCaptureFails() {
		this.script.captureFailures = 99;

		ProblemException failure = checkoutFails();

		assertThat(failure.getStatusCode().value()).isEqualTo(503);
		assertThat(this.script.calls).endsWith("capture", "capture", "capture", "void");
		Order order = order(failure);
		assertThat(order.status()).isEqualTo(OrderStatus.FAILED);
		assertThat(order.history().get(order.history().size() - 1).note()).contains("manual return");
	}

	@Test
	void shouldKeepTheFraudDecisionOfADeniedOrder() {
		this.script.decision = "DENY";

		ProblemException failure = checkoutFails();

		assertThat(failure.slug()).isEqualTo("order-denied");
		assertThat(this.script.calls).containsExactly("reserve", "score", "release");
		Order order = order(failure);
		assertThat(order.fraudDecision()).isEqualTo("DENY");
		assertThat(order.history()).extracting(Order.StatusChange::status)
			.containsExactly(OrderStatus.PENDING, OrderStatus.RESERVED, OrderStatus.SCORED, OrderStatus.COMPENSATING,
					OrderStatus.FAILED);
	}

	@Test
	void shouldGoOnWithAnOrderSentToReview() {
		this.script.decision = "REVIEW";

		CheckoutSaga.Result result = this.saga.checkout(UUID.randomUUID().toString(), request());

		assertThat(result.order().status()).isEqualTo(OrderStatus.CONFIRMED);
		assertThat(result.order().fraudDecision()).isEqualTo("REVIEW");
	}

	private ProblemException checkoutFails() {
		return assertThatExceptionOfType(ProblemException.class)
			.isThrownBy(() -> this.saga.checkout(UUID.randomUUID().toString(), request()))
			.actual();
	}

	private Order order(ProblemException failure) {
		UUID orderId = (UUID) failure.getBody().getProperties().get("orderId");
		return this.orders.find(orderId).orElseThrow();
	}

	/**
	 * Scripted downstream services that record the calls the saga makes.
	 */
	static class Script implements Inventory, FraudCheck, Payments {

		final List<String> calls = new ArrayList<>();

		boolean fraudDown;

		boolean confirmRefused;

		boolean paymentDownForVoids;

		int captureFailures;

		String decision;

		private final AtomicInteger captures = new AtomicInteger();

		void reset() {
			this.calls.clear();
			this.fraudDown = false;
			this.confirmRefused = false;
			this.paymentDownForVoids = false;
			this.captureFailures = 0;
			this.decision = "ALLOW";
			this.captures.set(0);
		}

		@Override
		public Reservation reserve(UUID orderId, List<CheckoutRequest.LineItem> lines) {
			this.calls.add("reserve");
			return new Reservation(UUID.randomUUID(), List.of(new PricedLine("SKU-00001", 2, 1250)), 2500);
		}

		@Override
		public void confirm(UUID reservationId) {
			this.calls.add("confirm");
			if (this.confirmRefused) {
				throw DownstreamFailures.refusal("inventory-service", 409, "reservation-not-pending");
			}
		}

		@Override
		public void release(UUID reservationId) {
			this.calls.add("release");
		}

		@Override
		public Assessment score(UUID orderId, CheckoutRequest request, long amountCents) {
			this.calls.add("score");
			if (this.fraudDown) {
				throw DownstreamFailures.unreachable("fraud-service");
			}
			return new Assessment(this.decision, 10, List.of());
		}

		@Override
		public Payment authorize(String idempotencyKey, UUID orderId, long amountCents, CheckoutRequest.Card card) {
			this.calls.add("authorize");
			return new Payment(UUID.randomUUID(), "AUTHORIZED");
		}

		@Override
		public Payment capture(UUID paymentId, String idempotencyKey) {
			this.calls.add("capture");
			if (this.captures.incrementAndGet() <= this.captureFailures) {
				throw DownstreamFailures.unreachable("payment-service");
			}
			return new Payment(paymentId, "CAPTURED");
		}

		@Override
		public void cancel(UUID paymentId) {
			this.calls.add("void");
			if (this.paymentDownForVoids) {
				throw DownstreamFailures.unreachable("payment-service");
			}
		}

		@Override
		public Held voidAuthorizations(UUID orderId) {
			this.calls.add("void-by-order");
			return new Held(List.of(), List.of());
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ScriptedDownstreams {

		// one bean stands in for all three services and wins over the HTTP clients
		@Bean
		@Primary
		Script script() {
			return new Script();
		}

	}

}
