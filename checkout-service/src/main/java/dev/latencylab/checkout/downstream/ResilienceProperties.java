package dev.latencylab.checkout.downstream;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How checkout guards its calls to inventory, fraud and payment while the flag
 * {@code checkout-resilience} is on ({@code checkout.resilience.*}). With the flag off
 * none of this applies: the calls wait up to {@code checkout.downstream.*.read-timeout}
 * as they always did.
 *
 * @param inventory the guard of inventory-service's calls
 * @param fraud the guard of fraud-service's calls
 * @param payment the guard of payment-service's calls
 * @see dev.latencylab.checkout.saga.FallbackProperties the fallbacks under the same
 * prefix
 */
@ConfigurationProperties("checkout.resilience")
public record ResilienceProperties(@DefaultValue Guard inventory, @DefaultValue Guard fraud,
		@DefaultValue Guard payment) {

	/**
	 * The guard of one downstream service.
	 *
	 * @param callTimeout how long a call waits for an answer (the read timeout of the
	 * guarded client)
	 * @param breaker the circuit breaker
	 * @param bulkhead how many calls may be in flight at once
	 * @param retry how calls that are idempotent by key are tried again
	 */
	public record Guard(@DefaultValue("1s") Duration callTimeout, @DefaultValue Breaker breaker,
			@DefaultValue Bulkhead bulkhead, @DefaultValue Retry retry) {
	}

	/**
	 * A count-based circuit breaker that opens on failures (no answer, no answer in time,
	 * 5xx) and on slow calls; a refusal (4xx: out of stock, card declined) is an answer,
	 * not a failure.
	 *
	 * @param failureRateThreshold percentage of failed calls that opens it
	 * @param slowCallDurationThreshold a call slower than this is slow
	 * @param slowCallRateThreshold percentage of slow calls that opens it
	 * @param slidingWindowSize how many recent calls it judges
	 * @param minimumNumberOfCalls how many calls it needs before it judges
	 * @param waitInOpenState how long it rejects calls before it lets a few through again
	 * @param permittedCallsInHalfOpenState how many trial calls decide whether it closes
	 */
	public record Breaker(@DefaultValue("50") float failureRateThreshold,
			@DefaultValue("500ms") Duration slowCallDurationThreshold, @DefaultValue("50") float slowCallRateThreshold,
			@DefaultValue("20") int slidingWindowSize, @DefaultValue("10") int minimumNumberOfCalls,
			@DefaultValue("5s") Duration waitInOpenState, @DefaultValue("3") int permittedCallsInHalfOpenState) {
	}

	/**
	 * @param maxConcurrentCalls how many calls may be in flight at once
	 * @param maxWait how long a call waits for a free slot before it is rejected
	 */
	public record Bulkhead(@DefaultValue("25") int maxConcurrentCalls, @DefaultValue("0ms") Duration maxWait) {
	}

	/**
	 * Retries of calls that are idempotent by key, and only after a quick failure
	 * (connection refused, 503): never after a timeout, whose call may still be running,
	 * nor after a rejection by the breaker or the bulkhead.
	 *
	 * @param maxAttempts attempts in all, the first included
	 * @param waitDuration the pause between two attempts
	 */
	public record Retry(@DefaultValue("2") int maxAttempts, @DefaultValue("50ms") Duration waitDuration) {
	}

}
