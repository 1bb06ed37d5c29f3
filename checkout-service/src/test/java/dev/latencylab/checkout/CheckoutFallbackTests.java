package dev.latencylab.checkout;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import dev.latencylab.checkout.downstream.DownstreamGuards;
import dev.latencylab.checkout.downstream.RecordedSpan;
import dev.latencylab.checkout.downstream.ResilienceFlag;
import dev.latencylab.checkout.downstream.StubServices;
import dev.latencylab.checkout.downstream.StubServices.Operation;
import dev.latencylab.checkout.order.Order;
import dev.latencylab.checkout.order.OrderStatus;
import dev.latencylab.checkout.order.Orders;
import dev.latencylab.checkout.recovery.LateAuthorizationSweep;
import dev.latencylab.checkout.saga.CheckoutFallbacks;
import dev.latencylab.checkout.saga.CheckoutSaga;
import dev.latencylab.kit.ProblemException;
import dev.latencylab.kit.test.ServiceClient;
import dev.latencylab.kit.test.TestFlags;

import static dev.latencylab.checkout.TestCheckouts.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a customer sees when a downstream service is slow or unavailable, with
 * {@code checkout-resilience} on (fallbacks within about a second) and off (as before):
 * the whole saga over real HTTP (stub services) and the real order store on PostgreSQL.
 */
@ResilienceTest
class CheckoutFallbackTests {

	private static final StubServices services = ResilienceTest.Stubs.SERVICES;

	@Autowired
	ServiceClient service;

	@Autowired
	CheckoutSaga saga;

	@Autowired
	Orders orders;

	@Autowired
	LateAuthorizationSweep sweep;

	@Autowired
	DownstreamGuards guards;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JsonMapper json;

	@Autowired
	TestFlags flags;

	private static boolean warm;

	@BeforeEach
	void warmUp() {
		if (!warm) {
			// the first checkout of a JVM loads classes for a few hundred ms: not what
			// the timings below are about
			checkout();
			warm = true;
			ResilienceTest.Stubs.healthyWithClosedBreakers(this.guards);
		}
	}

	@Test
	void shouldConfirmASmallOrderAsReviewWhenFraudIsSlowerThanItsTimeout() {
		ResilienceFlag.on(this.flags);
		services.slow(Operation.SCORE, Duration.ofSeconds(5));
		double reviewsBefore = fallbacks("fraud", "review");

		long start = System.nanoTime();
		RecordedSpan<CheckoutSaga.Result> checkout = RecordedSpan.record(this::checkout);
		long millis = (System.nanoTime() - start) / 1_000_000;

		Order order = checkout.value().order();
		assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
		assertThat(order.fraudDecision()).isEqualTo("REVIEW");
		assertThat(order.history()).filteredOn((change) -> change.status() == OrderStatus.SCORED)
			.singleElement()
			.satisfies((change) -> assertThat(change.note()).contains("fraud check unavailable", "fallback"));
		assertThat(millis).isLessThan(1_500);
		assertThat(services.calls(Operation.CAPTURE)).isEqualTo(1);
		assertThat(checkout.eventNames()).contains("checkout.downstream.timeout", CheckoutFallbacks.FALLBACK_EVENT);
		assertThat(fallbacks("fraud", "review") - reviewsBefore).isEqualTo(1);
	}

	@Test
	void shouldRefuseALargeOrderAndReleaseItsStockWhenFraudIsSlowerThanItsTimeout() throws Exception {
		ResilienceFlag.on(this.flags);
		services.slow(Operation.SCORE, Duration.ofSeconds(2));
		// 2 x 200.00 EUR: above the 100.00 EUR a fallback may send to review
		services.unitPrice(20_000);

		HttpResponse<String> response = post("large-order-" + UUID.randomUUID());

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.path("type").asString()).endsWith("/fraud-check-unavailable");
		assertThat(problem.path("reviewUpToCents").asLong()).isEqualTo(10_000);
		assertThat(services.calls(Operation.RELEASE)).isEqualTo(1);
		assertThat(services.calls(Operation.AUTHORIZE)).isZero();
		Order order = this.orders.find(UUID.fromString(problem.path("orderId").asString())).orElseThrow();
		assertThat(order.status()).isEqualTo(OrderStatus.FAILED);
		assertThat(order.history().get(order.history().size() - 1).note()).contains("reservation released");
	}

	@Test
	void shouldSendOrdersToReviewWithoutAskingFraudWhileItsBreakerIsOpen() {
		ResilienceFlag.on(this.flags);
		this.guards.breakers().circuitBreaker(DownstreamGuards.FRAUD).transitionToOpenState();

		RecordedSpan<CheckoutSaga.Result> checkout = RecordedSpan.record(this::checkout);

		assertThat(checkout.value().order().status()).isEqualTo(OrderStatus.CONFIRMED);
		assertThat(checkout.value().order().fraudDecision()).isEqualTo("REVIEW");
		assertThat(services.calls(Operation.SCORE)).isZero();
		assertThat(checkout.eventNames()).contains("resilience4j.circuitbreaker.rejected",
				CheckoutFallbacks.FALLBACK_EVENT);
	}

	@Test
	void shouldFailCleanlyAndVoidTheLateAuthorizationWhenPaymentIsSlowerThanItsTimeout() {
		ResilienceFlag.on(this.flags);
		// payment completes the authorization after checkout stopped waiting (800 ms)
		services.slow(Operation.AUTHORIZE, Duration.ofMillis(1_500));
		double refusalsBefore = fallbacks("payment", "refused");

		long start = System.nanoTime();
		RecordedSpan<CheckoutSaga.Result> checkout = RecordedSpan.record(this::checkout);
		long millis = (System.nanoTime() - start) / 1_000_000;

		assertThat(checkout.failure()).isInstanceOfSatisfying(ProblemException.class, (problem) -> {
			assertThat(problem.getStatusCode().value()).isEqualTo(503);
			assertThat(problem.slug()).isEqualTo("payment-unavailable");
		});
		assertThat(millis).isLessThan(1_500);
		assertThat(services.calls(Operation.RELEASE)).isEqualTo(1);
		assertThat(services.calls(Operation.CAPTURE)).isZero();
		UUID orderId = (UUID) ((ProblemException) checkout.failure()).getBody().getProperties().get("orderId");
		Order order = this.orders.find(orderId).orElseThrow();
		assertThat(order.status()).isEqualTo(OrderStatus.FAILED);
		assertThat(order.history().get(order.history().size() - 1).note()).contains("reservation released",
				"late authorization");
		assertThat(fallbacks("payment", "refused") - refusalsBefore).isEqualTo(1);
		// the recovery job's rounds (not on a timer here) void it once it is due (2 s)
		await("the late authorization voided").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			this.sweep.sweep();
			assertThat(services.paymentStatuses(orderId)).containsExactly("VOIDED");
		});
		assertThat(this.orders.find(orderId).orElseThrow().history()).last()
			.extracting(Order.StatusChange::note)
			.asString()
			.startsWith("late authorizations [")
			.endsWith("] voided");
	}

	@Test
	void shouldConfirmAnOrderWhoseCaptureWentThroughAfterCheckoutStoppedWaiting() {
		ResilienceFlag.on(this.flags);
		// every capture answers after checkout's 800 ms, but the first one captures
		services.slow(Operation.CAPTURE, Duration.ofMillis(1_000));

		CheckoutSaga.Result result = checkout();

		assertThat(result.order().status()).isEqualTo(OrderStatus.CONFIRMED);
		assertThat(services.paymentStatuses(result.order().orderId())).containsExactly("CAPTURED");
		assertThat(services.calls(Operation.RELEASE)).isZero();
	}

	@Test
	void shouldConfirmAnOrderWhoseCaptureWentThroughBeforePaymentStoppedAlsoWhenTheFlagIsOff() {
		// payment captures and stops before it answers, each time it is asked: a kill -9
		// of payment-service at the wrong moment, not a timeout of checkout's
		services.answersLost(Operation.CAPTURE, 3);

		CheckoutSaga.Result result = checkout();

		assertThat(result.order().status()).isEqualTo(OrderStatus.CONFIRMED);
		assertThat(services.paymentStatuses(result.order().orderId())).containsExactly("CAPTURED");
		assertThat(services.calls(Operation.CAPTURE)).isEqualTo(3);
		assertThat(services.calls(Operation.RELEASE)).isZero();
	}

	@Test
	void shouldWaitForASlowFraudCheckAsBeforeWhenTheFlagIsOff() {
		services.slow(Operation.SCORE, Duration.ofMillis(800));
		double reviewsBefore = fallbacks("fraud", "review");

		long start = System.nanoTime();
		CheckoutSaga.Result result = checkout();
		long millis = (System.nanoTime() - start) / 1_000_000;

		assertThat(result.order().status()).isEqualTo(OrderStatus.CONFIRMED);
		assertThat(result.order().fraudDecision()).isEqualTo("ALLOW");
		assertThat(millis).isGreaterThanOrEqualTo(800);
		assertThat(fallbacks("fraud", "review")).isEqualTo(reviewsBefore);
	}

	@Test
	void shouldFailWithoutRetryOrFallbackAsBeforeWhenTheFlagIsOff() {
		services.unavailable(Operation.SCORE, 1);

		RecordedSpan<CheckoutSaga.Result> checkout = RecordedSpan.record(this::checkout);

		assertThat(checkout.failure()).isInstanceOfSatisfying(ProblemException.class,
				(problem) -> assertThat(problem.slug()).isEqualTo("dependency-unavailable"));
		assertThat(services.calls(Operation.SCORE)).isEqualTo(1);
		assertThat(services.calls(Operation.RELEASE)).isEqualTo(1);
		assertThat(checkout.eventNames()).doesNotContain(CheckoutFallbacks.FALLBACK_EVENT);
	}

	private CheckoutSaga.Result checkout() {
		return this.saga.checkout(UUID.randomUUID().toString(), request());
	}

	private double fallbacks(String downstream, String fallback) {
		return this.meters.get(CheckoutFallbacks.FALLBACKS)
			.tags("downstream", downstream, "fallback", fallback)
			.counter()
			.count();
	}

	private HttpResponse<String> post(String key) {
		return this.service.post("/api/checkout", this.json.writeValueAsString(request()), "Idempotency-Key", key);
	}

}
