package dev.latencylab.checkout.downstream;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.latencylab.checkout.ResilienceTest;
import dev.latencylab.checkout.downstream.StubServices.Operation;
import dev.latencylab.checkout.saga.CheckoutRequest;
import dev.latencylab.checkout.saga.DownstreamException;
import dev.latencylab.checkout.saga.FraudCheck;
import dev.latencylab.checkout.saga.Inventory;
import dev.latencylab.kit.test.ServiceClient;
import dev.latencylab.kit.test.TestFlags;

import static dev.latencylab.checkout.TestCheckouts.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guards of checkout's HTTP clients against real (stub) services over HTTP: what a
 * call does when the service is slow or fails, with {@code checkout-resilience} on and
 * off, and what the breaker, bulkhead and retry leave on the span and in the metrics.
 */
@ResilienceTest
class DownstreamGuardTests {

	private static final StubServices services = ResilienceTest.Stubs.SERVICES;

	@Autowired
	ServiceClient service;

	@Autowired
	Inventory inventory;

	@Autowired
	FraudCheck fraud;

	@Autowired
	DownstreamGuards guards;

	@Autowired
	MeterRegistry meters;

	@Autowired
	TestFlags flags;

	@Test
	void shouldFailFastWithoutRetryingWhenTheServiceIsSlowerThanItsTimeout() {
		ResilienceFlag.on(this.flags);
		services.slow(Operation.SCORE, Duration.ofSeconds(2));

		long start = System.nanoTime();
		RecordedSpan<FraudCheck.Assessment> call = RecordedSpan.record(this::score);
		long millis = (System.nanoTime() - start) / 1_000_000;

		assertThat(call.failure()).isInstanceOfSatisfying(DownstreamException.class, (failure) -> {
			assertThat(failure.isTimeout()).isTrue();
			assertThat(failure.service()).isEqualTo("fraud-service");
		});
		assertThat(millis).isLessThan(1_000);
		assertThat(services.calls(Operation.SCORE)).as("a timeout is never retried").isEqualTo(1);
		assertThat(call.attribute(DownstreamGuard.TIMEOUT, DownstreamGuard.TIMEOUT_MS)).isEqualTo(500L);
		assertThat(call.attribute(DownstreamGuard.TIMEOUT, DownstreamGuard.SERVICE)).isEqualTo("fraud-service");
	}

	@Test
	void shouldOpenTheBreakerAfterSlowCallsAndThenRejectCallsWithoutMakingThem() {
		ResilienceFlag.on(this.flags);
		// slower than fraud's slow-call threshold (300 ms), within its timeout (500 ms)
		services.slow(Operation.SCORE, Duration.ofMillis(350));
		double rejectedBefore = value("resilience4j.circuitbreaker.not.permitted.calls", "name", "fraud");

		List<RecordedSpan<FraudCheck.Assessment>> slowCalls = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			slowCalls.add(RecordedSpan.record(this::score));
		}
		long start = System.nanoTime();
		RecordedSpan<FraudCheck.Assessment> rejected = RecordedSpan.record(this::score);
		long millis = (System.nanoTime() - start) / 1_000_000;

		assertThat(slowCalls).allSatisfy((call) -> assertThat(call.value().decision()).isEqualTo("ALLOW"));
		assertThat(slowCalls.get(3).attribute(DownstreamGuard.BREAKER_TRANSITION, DownstreamGuard.TO_STATE))
			.isEqualTo("OPEN");
		assertThat(rejected.failure()).isInstanceOfSatisfying(DownstreamException.class, (failure) -> {
			assertThat(failure.isRejected()).isTrue();
			assertThat(failure.slug()).isEqualTo(DownstreamException.CIRCUIT_OPEN);
		});
		assertThat(millis).isLessThan(200);
		assertThat(services.calls(Operation.SCORE)).as("calls that reached fraud").isEqualTo(4);
		assertThat(rejected.attribute(DownstreamGuard.BREAKER_REJECTED, DownstreamGuard.NAME)).isEqualTo("fraud");
		assertThat(rejected.attribute(DownstreamGuard.BREAKER_REJECTED, DownstreamGuard.STATE)).isEqualTo("OPEN");
		assertThat(value("resilience4j.circuitbreaker.state", "name", "fraud", "state", "open")).isEqualTo(1);
		assertThat(value("resilience4j.circuitbreaker.not.permitted.calls", "name", "fraud") - rejectedBefore)
			.isEqualTo(1);
	}

	@Test
	void shouldRejectCallsBeyondTheBulkheadWithoutMakingThem() throws Exception {
		ResilienceFlag.on(this.flags);
		services.slow(Operation.RESERVE, Duration.ofMillis(300));
		ExecutorService customers = Executors.newFixedThreadPool(5);
		CountDownLatch start = new CountDownLatch(1);

		List<Future<RecordedSpan<Inventory.Reservation>>> calls = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			calls.add(customers.submit(() -> {
				start.await();
				return RecordedSpan.record(this::reserve);
			}));
		}
		start.countDown();
		List<RecordedSpan<Inventory.Reservation>> done = new ArrayList<>();
		for (Future<RecordedSpan<Inventory.Reservation>> call : calls) {
			done.add(call.get());
		}
		customers.shutdown();

		assertThat(services.maxInFlight(Operation.RESERVE)).isLessThanOrEqualTo(2);
		List<RecordedSpan<Inventory.Reservation>> rejected = done.stream()
			.filter((call) -> call.failure() != null)
			.toList();
		assertThat(rejected).isNotEmpty()
			.allSatisfy((call) -> assertThat(((DownstreamException) call.failure()).slug())
				.isEqualTo(DownstreamException.BULKHEAD_FULL))
			.allSatisfy((call) -> assertThat(
					call.attribute(DownstreamGuard.BULKHEAD_REJECTED, DownstreamGuard.MAX_CONCURRENT_CALLS))
				.isEqualTo(2L));
		assertThat(services.calls(Operation.RESERVE)).isEqualTo(5 - rejected.size());
		assertThat(value("resilience4j.bulkhead.max.allowed.concurrent.calls", "name", "inventory")).isEqualTo(2);
	}

	@Test
	void shouldRetryAnIdempotentCallThatFailedQuickly() {
		ResilienceFlag.on(this.flags);
		services.unavailable(Operation.SCORE, 1);
		double retriedBefore = value("resilience4j.retry.calls", "name", "fraud", "kind", "successful_with_retry");

		RecordedSpan<FraudCheck.Assessment> call = RecordedSpan.record(this::score);

		assertThat(call.value().decision()).isEqualTo("ALLOW");
		assertThat(services.calls(Operation.SCORE)).isEqualTo(2);
		assertThat(call.attribute(DownstreamGuard.RETRY, DownstreamGuard.ATTEMPT)).isEqualTo(1L);
		assertThat(value("resilience4j.retry.calls", "name", "fraud", "kind", "successful_with_retry") - retriedBefore)
			.isEqualTo(1);
	}

	@Test
	void shouldNotRetryACallThatIsNotIdempotentByKey() {
		ResilienceFlag.on(this.flags);
		services.unavailable(Operation.CONFIRM, 1);

		RecordedSpan<Object> call = RecordedSpan.record(() -> {
			this.inventory.confirm(UUID.randomUUID());
			return null;
		});

		assertThat(call.failure()).isInstanceOfSatisfying(DownstreamException.class,
				(failure) -> assertThat(failure.status()).isEqualTo(503));
		assertThat(services.calls(Operation.CONFIRM)).isEqualTo(1);
		assertThat(call.eventNames()).doesNotContain(DownstreamGuard.RETRY);
	}

	@Test
	void shouldWaitForASlowServiceAndNeitherRetryNorCountWhenTheFlagIsOff() {
		services.slow(Operation.SCORE, Duration.ofMillis(700));
		CircuitBreaker breaker = this.guards.breakers().circuitBreaker(DownstreamGuards.FRAUD);

		long start = System.nanoTime();
		FraudCheck.Assessment slow = score();
		long millis = (System.nanoTime() - start) / 1_000_000;
		services.slow(Operation.SCORE, Duration.ZERO);
		services.unavailable(Operation.SCORE, 1);
		RecordedSpan<FraudCheck.Assessment> failed = RecordedSpan.record(this::score);

		assertThat(slow.decision()).as("an answer slower than the guarded timeout (500 ms)").isEqualTo("ALLOW");
		assertThat(millis).isGreaterThanOrEqualTo(700);
		assertThat(failed.failure()).isInstanceOfSatisfying(DownstreamException.class,
				(failure) -> assertThat(failure.status()).isEqualTo(503));
		assertThat(services.calls(Operation.SCORE)).isEqualTo(2);
		assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isZero();
		assertThat(failed.eventNames()).doesNotContain(DownstreamGuard.RETRY, DownstreamGuard.TIMEOUT);
	}

	@Test
	void shouldExposeEveryGuardToPrometheusWhetherTheFlagIsOnOrNot() throws Exception {
		HttpResponse<String> scrape = this.service.get("/actuator/prometheus");

		assertThat(scrape.statusCode()).isEqualTo(200);
		for (String name : List.of("inventory", "fraud", "payment")) {
			assertThat(scrape.body())
				.containsPattern("resilience4j_circuitbreaker_state\\{application=\"checkout-service\"," + "name=\""
						+ name + "\",state=\"closed\"} 1")
				.containsPattern("resilience4j_circuitbreaker_not_permitted_calls_total\\{[^}]*name=\"" + name + "\"")
				.containsPattern("resilience4j_circuitbreaker_calls_seconds_count\\{[^}]*name=\"" + name + "\"")
				.containsPattern("resilience4j_bulkhead_available_concurrent_calls\\{[^}]*name=\"" + name + "\"")
				.containsPattern("resilience4j_retry_calls_total\\{[^}]*name=\"" + name + "\"");
		}
		assertThat(scrape.body()).containsPattern(
				"lab_checkout_fallbacks_total\\{application=\"checkout-service\",downstream=\"fraud\",fallback=\"review\"}");
	}

	private FraudCheck.Assessment score() {
		return this.fraud.score(UUID.randomUUID(), request(), 2500);
	}

	private Inventory.Reservation reserve() {
		return this.inventory.reserve(UUID.randomUUID(), List.of(new CheckoutRequest.LineItem("SKU-00001", 1)));
	}

	private double value(String meter, String... tags) {
		return this.meters.get(meter).tags(tags).meter().measure().iterator().next().getValue();
	}

}
