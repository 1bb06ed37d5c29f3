package dev.latencylab.checkout.downstream;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import dev.latencylab.checkout.saga.DownstreamException;
import dev.latencylab.checkout.saga.ResilienceSwitch;

/**
 * The guards of checkout's three downstream services, each with its circuit breaker,
 * bulkhead and retry named after the service's key ({@code inventory}, {@code fraud},
 * {@code payment}: the {@code name} tag of the {@code resilience4j_*} metrics). They are
 * made, and their metrics registered, at start-up whether {@code checkout-resilience} is
 * on or not, so the dashboards always have their series.
 */
@Component
public class DownstreamGuards {

	/** The breaker, bulkhead and retry of inventory-service. */
	public static final String INVENTORY = "inventory";

	/** The breaker, bulkhead and retry of fraud-service. */
	public static final String FRAUD = "fraud";

	/** The breaker, bulkhead and retry of payment-service. */
	public static final String PAYMENT = "payment";

	private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();

	private final BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();

	private final RetryRegistry retries = RetryRegistry.ofDefaults();

	private final DownstreamGuard inventory;

	private final DownstreamGuard fraud;

	private final DownstreamGuard payment;

	DownstreamGuards(RestClient.Builder builder, DownstreamProperties downstream, ResilienceProperties resilience,
			ResilienceSwitch resilienceSwitch, MeterRegistry meters) {
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(this.breakers).bindTo(meters);
		TaggedBulkheadMetrics.ofBulkheadRegistry(this.bulkheads).bindTo(meters);
		TaggedRetryMetrics.ofRetryRegistry(this.retries).bindTo(meters);
		this.inventory = guard(INVENTORY, "inventory-service", builder, downstream.inventory(), resilience.inventory(),
				resilienceSwitch);
		this.fraud = guard(FRAUD, "fraud-service", builder, downstream.fraud(), resilience.fraud(), resilienceSwitch);
		this.payment = guard(PAYMENT, "payment-service", builder, downstream.payment(), resilience.payment(),
				resilienceSwitch);
	}

	private DownstreamGuard guard(String name, String service, RestClient.Builder builder,
			DownstreamProperties.Endpoint endpoint, ResilienceProperties.Guard guard,
			ResilienceSwitch resilienceSwitch) {
		ResilienceProperties.Breaker breaker = guard.breaker();
		CircuitBreakerConfig breakerConfig = CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(breaker.slidingWindowSize())
			.minimumNumberOfCalls(breaker.minimumNumberOfCalls())
			.failureRateThreshold(breaker.failureRateThreshold())
			.slowCallDurationThreshold(breaker.slowCallDurationThreshold())
			.slowCallRateThreshold(breaker.slowCallRateThreshold())
			.waitDurationInOpenState(breaker.waitInOpenState())
			.permittedNumberOfCallsInHalfOpenState(breaker.permittedCallsInHalfOpenState())
			// a refusal (4xx: out of stock, card declined) is an answer: it counts as a
			// success
			.recordException((ex) -> ex instanceof DownstreamException failure && !failure.isRefusal())
			.build();
		BulkheadConfig bulkheadConfig = BulkheadConfig.custom()
			.maxConcurrentCalls(guard.bulkhead().maxConcurrentCalls())
			.maxWaitDuration(guard.bulkhead().maxWait())
			.build();
		RetryConfig retryConfig = RetryConfig.custom()
			.maxAttempts(guard.retry().maxAttempts())
			.waitDuration(guard.retry().waitDuration())
			// never a timeout (the first call may still be running), never a rejection
			.retryOnException((ex) -> ex instanceof DownstreamException failure && failure.isQuickFailure())
			.build();
		return new DownstreamGuard(service, Downstream.client(builder, endpoint),
				Downstream.client(builder, endpoint, guard.callTimeout()), guard.callTimeout(),
				this.breakers.circuitBreaker(name, breakerConfig), this.bulkheads.bulkhead(name, bulkheadConfig),
				this.retries.retry(name, retryConfig), resilienceSwitch);
	}

	DownstreamGuard inventory() {
		return this.inventory;
	}

	DownstreamGuard fraud() {
		return this.fraud;
	}

	DownstreamGuard payment() {
		return this.payment;
	}

	/**
	 * @return the circuit breakers, by name
	 */
	public CircuitBreakerRegistry breakers() {
		return this.breakers;
	}

	/**
	 * @return the bulkheads, by name
	 */
	public BulkheadRegistry bulkheads() {
		return this.bulkheads;
	}

	/**
	 * @return the retries, by name
	 */
	public RetryRegistry retries() {
		return this.retries;
	}

}
