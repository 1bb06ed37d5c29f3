package dev.latencylab.gateway;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The circuit breaker and request timeout of the checkout route
 * ({@code gateway.checkout-breaker.*}). It opens when checkout-service fails (cannot be
 * reached, does not answer within the request timeout), never because checkout is slow
 * within it: its slow-call threshold lies above the request timeout, so the lab's fault
 * scenarios still show their 5 s checkouts through the gateway. A problem answered by
 * checkout (a 503 of its own) is an answer, not a failure.
 *
 * @param requestTimeout how long the gateway waits for checkout's answer; above
 * checkout's own worst case with {@code checkout-resilience} off (10 s read timeouts)
 * @param failureRateThreshold percentage of failed requests that opens the breaker
 * @param slowCallDurationThreshold a request slower than this is slow: above the request
 * timeout, so no request counts as slow
 * @param slidingWindowSize how many recent requests it judges
 * @param minimumNumberOfCalls how many requests it needs before it judges
 * @param waitInOpenState how long it answers 503 at once before it lets a few requests
 * through again
 * @param permittedCallsInHalfOpenState how many trial requests decide whether it closes
 */
@ConfigurationProperties("gateway.checkout-breaker")
record CheckoutBreakerProperties(@DefaultValue("15s") Duration requestTimeout,
		@DefaultValue("50") float failureRateThreshold, @DefaultValue("20s") Duration slowCallDurationThreshold,
		@DefaultValue("20") int slidingWindowSize, @DefaultValue("10") int minimumNumberOfCalls,
		@DefaultValue("10s") Duration waitInOpenState, @DefaultValue("3") int permittedCallsInHalfOpenState) {

	CheckoutBreakerProperties {
		if (slowCallDurationThreshold.compareTo(requestTimeout) <= 0) {
			throw new IllegalArgumentException("gateway.checkout-breaker.slow-call-duration-threshold ("
					+ slowCallDurationThreshold + ") must lie above the request timeout (" + requestTimeout
					+ "): the lab's slow checkouts must not open the breaker");
		}
	}

}
