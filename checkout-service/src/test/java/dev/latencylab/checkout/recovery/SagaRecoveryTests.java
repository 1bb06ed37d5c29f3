package dev.latencylab.checkout.recovery;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latencylab.checkout.ResilienceTest;
import dev.latencylab.checkout.downstream.StubServices;
import dev.latencylab.checkout.order.Order;
import dev.latencylab.checkout.order.OrderStatus;
import dev.latencylab.checkout.order.Orders;
import dev.latencylab.checkout.saga.CheckoutRequest;
import dev.latencylab.checkout.saga.Inventory;
import dev.latencylab.checkout.saga.Payments;
import dev.latencylab.kit.LabMetrics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the recovery job makes of an order a crash left in each step of the saga: the
 * state a crash leaves is written into the real order store on PostgreSQL (the saga's own
 * steps, then the clock moved back), and the job calls inventory and payment over real
 * HTTP (stub services that keep payments like payment-service does). The rounds on a
 * timer are off here ({@code checkout.recovery.initial-delay} of an hour): each test runs
 * one round itself.
 */
@ResilienceTest
class SagaRecoveryTests {

	private static final StubServices services = ResilienceTest.Stubs.SERVICES;

	private static final CheckoutRequest.Card CARD = new CheckoutRequest.Card("4111111111111111", "12/39");

	@Autowired
	SagaRecovery recovery;

	@Autowired
	Orders orders;

	@Autowired
	Inventory inventory;

	@Autowired
	Payments payments;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void onlyThisTestsOrdersAreUnfinished() {
		// orders other test classes left mid-saga are not this test's to recover
		this.jdbc.sql("UPDATE customer_order SET status = 'FAILED' WHERE status NOT IN ('CONFIRMED', 'FAILED')")
			.update();
	}

	@Test
	void shouldConfirmAndCaptureAnOrderLeftAuthorized() {
		UUID order = newOrder();
		Inventory.Reservation reservation = reserve(order);
		Payments.Payment payment = authorize(order);
		this.orders.authorized(order, payment.paymentId());
		abandon(order);
		double before = recoveries("completed");

		assertThat(this.recovery.recover()).containsEntry(order, SagaRecovery.Outcome.COMPLETED);

		assertThat(this.orders.find(order).orElseThrow().status()).isEqualTo(OrderStatus.CONFIRMED);
		assertThat(services.paymentStatuses(order)).containsExactly("CAPTURED");
		assertThat(services.calls(StubServices.Operation.CONFIRM)).isOne();
		assertThat(this.orders.find(order).orElseThrow().history()).last()
			.extracting(Order.StatusChange::note)
			.asString()
			.contains("recovered after an interruption");
		assertThat(recoveries("completed") - before).isOne();
		assertThat(reservation.reservationId()).isEqualTo(this.orders.find(order).orElseThrow().reservationId());
	}

	@Test
	void shouldVoidALateAuthorizationAndReleaseTheStockOfAnOrderLeftScored() {
		UUID order = newOrder();
		reserve(order);
		this.orders.scored(order, "ALLOW", "fraud score 10");
		// payment authorized, and then checkout died before it heard so
		authorize(order);
		abandon(order);

		assertThat(this.recovery.recover()).containsEntry(order, SagaRecovery.Outcome.COMPENSATED);

		Order failed = this.orders.find(order).orElseThrow();
		assertThat(failed.status()).isEqualTo(OrderStatus.FAILED);
		assertThat(failed.failure().type()).isEqualTo("checkout-interrupted");
		assertThat(failed.failure().status()).isEqualTo(503);
		assertThat(services.paymentStatuses(order)).containsExactly("VOIDED");
		assertThat(services.calls(StubServices.Operation.RELEASE)).isOne();
	}

	@Test
	void shouldGiveBackStockInventoryHeldForAnOrderLeftPending() {
		UUID order = newOrder();
		abandon(order);

		assertThat(this.recovery.recover()).containsEntry(order, SagaRecovery.Outcome.COMPENSATED);

		// reserving is idempotent by order: asked again, inventory answers with what it
		// holds for the order (or holds it now), and that is given back
		assertThat(services.calls(StubServices.Operation.RESERVE)).isOne();
		assertThat(services.calls(StubServices.Operation.RELEASE)).isOne();
		assertThat(this.orders.find(order).orElseThrow().status()).isEqualTo(OrderStatus.FAILED);
	}

	@Test
	void shouldLeaveAnOrderWhoseSagaMovedRecentlyToTheSaga() {
		UUID order = newOrder();
		reserve(order);

		assertThat(this.recovery.recover()).doesNotContainKey(order);

		assertThat(this.orders.find(order).orElseThrow().status()).isEqualTo(OrderStatus.RESERVED);
		assertThat(services.calls(StubServices.Operation.RELEASE)).isZero();
	}

	@Test
	void shouldTryAgainNextRoundWhenAServiceItNeedsDoesNotAnswer() {
		UUID order = newOrder();
		reserve(order);
		this.orders.authorized(order, authorize(order).paymentId());
		abandon(order);
		services.unavailable(StubServices.Operation.CONFIRM, 1);

		assertThat(this.recovery.recover()).containsEntry(order, SagaRecovery.Outcome.DEFERRED);
		assertThat(this.orders.find(order).orElseThrow().status()).isEqualTo(OrderStatus.AUTHORIZED);
		assertThat(services.paymentStatuses(order)).containsExactly("AUTHORIZED");

		abandon(order);
		assertThat(this.recovery.recover()).containsEntry(order, SagaRecovery.Outcome.COMPLETED);
		assertThat(services.paymentStatuses(order)).containsExactly("CAPTURED");
	}

	private UUID newOrder() {
		UUID order = UUID.randomUUID();
		this.orders.claim(new Orders.NewOrder(order, "recovery-test", List.of(new Order.Line("SKU-00001", 2, null))),
				"recovery-" + order, "0".repeat(64), "recovery@example.com");
		return order;
	}

	private Inventory.Reservation reserve(UUID order) {
		Inventory.Reservation reservation = this.inventory.reserve(order,
				List.of(new CheckoutRequest.LineItem("SKU-00001", 2)));
		this.orders.reserved(order, reservation.reservationId(), List.of(new Order.Line("SKU-00001", 2, 1000L)),
				reservation.totalCents());
		return reservation;
	}

	private Payments.Payment authorize(UUID order) {
		return this.payments.authorize("checkout-" + order + "-authorize", order, 2000, CARD);
	}

	/** The saga's process died: the order has not moved for longer than a step takes. */
	private void abandon(UUID order) {
		this.jdbc.sql("UPDATE customer_order SET updated_at = :at WHERE id = :id")
			.param("at", Timestamp.from(Instant.now().minus(Duration.ofMinutes(5))))
			.param("id", order)
			.update();
	}

	private double recoveries(String outcome) {
		return this.meters.counter(LabMetrics.CHECKOUT_RECOVERIES, "outcome", outcome).count();
	}

}
