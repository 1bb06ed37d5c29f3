package dev.latencylab.checkout.recovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
import dev.latencylab.checkout.saga.Payments;
import dev.latencylab.kit.LabMetrics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The late authorization of a failed order is voided from what the order table keeps, not
 * from the memory of the process that failed it: a sweep made afresh, as after a restart
 * of checkout-service, finds the order once it is due, voids the authorization payment
 * completed after checkout gave up (over real HTTP, against stub services that keep
 * payments like payment-service does), and is done with it; payment not answering leaves
 * it due.
 */
@ResilienceTest
class LateAuthorizationSweepTests {

	private static final StubServices services = ResilienceTest.Stubs.SERVICES;

	private static final CheckoutRequest.Card CARD = new CheckoutRequest.Card("4111111111111111", "12/39");

	private static final Order.Failure PAYMENT_UNAVAILABLE = new Order.Failure(503, "payment-unavailable",
			"Payment unavailable", "payment did not answer in time", Map.of());

	@Autowired
	Orders orders;

	@Autowired
	Payments payments;

	@Autowired
	RecoveryProperties properties;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void onlyThisTestsOrdersAreDue() {
		this.jdbc.sql("UPDATE customer_order SET void_authorizations_after = NULL").update();
	}

	@Test
	void shouldVoidTheAuthorizationPaymentCompletedAfterTheOrderFailedEvenAfterARestart() {
		UUID order = newOrder();
		// checkout gave up on the authorization and failed the order; then payment
		// completed it, and checkout-service was restarted before the sweep was due
		this.orders.failed(order, PAYMENT_UNAVAILABLE, "payment-unavailable", Instant.now().plusSeconds(30));
		authorize(order);
		double before = sweeps("voided");

		LateAuthorizationSweep restarted = new LateAuthorizationSweep(this.orders, this.payments, this.properties,
				this.meters, Clock.systemUTC());
		assertThat(restarted.sweep()).as("before payment's worst case is over").isEmpty();
		assertThat(services.paymentStatuses(order)).containsExactly("AUTHORIZED");

		LateAuthorizationSweep later = new LateAuthorizationSweep(this.orders, this.payments, this.properties,
				this.meters, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(31)));
		assertThat(later.sweep()).containsExactly(Map.entry(order, LateAuthorizationSweep.Outcome.VOIDED));

		assertThat(services.paymentStatuses(order)).containsExactly("VOIDED");
		Order failed = this.orders.find(order).orElseThrow();
		assertThat(failed.status()).isEqualTo(OrderStatus.FAILED);
		assertThat(failed.history()).last().extracting(Order.StatusChange::note).asString().contains("voided");
		assertThat(sweeps("voided") - before).isOne();
		assertThat(later.sweep()).as("done with it").isEmpty();
	}

	@Test
	void shouldConfirmAFailedOrderWhosePaymentWasCapturedAfterAll() {
		UUID order = newOrder();
		UUID payment = authorize(order);
		// the capture went through, but neither its answer nor checkout's void did
		// (payment-service stopped): the saga failed the order, its void due
		this.payments.capture(payment, "checkout-" + order + "-capture");
		this.orders.failed(order, PAYMENT_UNAVAILABLE, "service-unavailable; NOT authorization voided",
				Instant.now().minusSeconds(1));
		double before = sweeps("confirmed");

		assertThat(sweep().sweep()).containsExactly(Map.entry(order, LateAuthorizationSweep.Outcome.CONFIRMED));

		Order confirmed = this.orders.find(order).orElseThrow();
		assertThat(confirmed.status()).isEqualTo(OrderStatus.CONFIRMED);
		assertThat(confirmed.failure()).isNull();
		assertThat(confirmed.history()).last()
			.extracting(Order.StatusChange::note)
			.asString()
			.contains("captured", "after all");
		assertThat(services.paymentStatuses(order)).containsExactly("CAPTURED");
		assertThat(sweeps("confirmed") - before).isOne();
		assertThat(sweep().sweep()).as("done with it").isEmpty();
	}

	@Test
	void shouldFindNothingToVoidWhenPaymentNeverAuthorized() {
		UUID order = newOrder();
		this.orders.failed(order, PAYMENT_UNAVAILABLE, "payment-unavailable", Instant.now().minusSeconds(1));

		assertThat(sweep().sweep()).containsExactly(Map.entry(order, LateAuthorizationSweep.Outcome.NONE));
		assertThat(sweep().sweep()).isEmpty();
		assertThat(this.orders.find(order).orElseThrow().history()).last()
			.extracting(Order.StatusChange::note)
			.isEqualTo("payment-unavailable");
	}

	@Test
	void shouldKeepTheOrderDueWhilePaymentDoesNotAnswer() {
		UUID order = newOrder();
		authorize(order);
		this.orders.failed(order, PAYMENT_UNAVAILABLE, "payment-unavailable", Instant.now().minusSeconds(1));
		services.unavailable(StubServices.Operation.FIND_PAYMENTS, 1);

		assertThat(sweep().sweep()).containsExactly(Map.entry(order, LateAuthorizationSweep.Outcome.DEFERRED));
		assertThat(services.paymentStatuses(order)).containsExactly("AUTHORIZED");

		assertThat(sweep().sweep()).containsExactly(Map.entry(order, LateAuthorizationSweep.Outcome.VOIDED));
		assertThat(services.paymentStatuses(order)).containsExactly("VOIDED");
	}

	@Test
	void shouldLeaveFailuresWithoutAnUnansweredAuthorizationAlone() {
		UUID order = newOrder();
		this.orders.failed(order, PAYMENT_UNAVAILABLE, "declined");

		assertThat(sweep().sweep()).isEmpty();
		assertThat(services.calls(StubServices.Operation.FIND_PAYMENTS)).isZero();
	}

	private LateAuthorizationSweep sweep() {
		return new LateAuthorizationSweep(this.orders, this.payments, this.properties, this.meters, Clock.systemUTC());
	}

	private UUID newOrder() {
		UUID order = UUID.randomUUID();
		this.orders.claim(new Orders.NewOrder(order, "sweep-test", List.of(new Order.Line("SKU-00001", 1, null))),
				"sweep-" + order, "0".repeat(64), "sweep@example.com");
		return order;
	}

	private UUID authorize(UUID order) {
		return this.payments.authorize("checkout-" + order + "-authorize", order, 1000, CARD).paymentId();
	}

	private double sweeps(String outcome) {
		return this.meters.counter(LabMetrics.CHECKOUT_LATE_AUTHORIZATIONS, "outcome", outcome).count();
	}

}
