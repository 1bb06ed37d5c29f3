package dev.latencylab.checkout.saga;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the saga does instead of an answer it did not get while the flag
 * {@code checkout-resilience} is on ({@code checkout.resilience.*}, next to the guards of
 * the calls in {@code downstream.ResilienceProperties}).
 *
 * @param fraudFallback what an order does when the fraud check is unavailable
 * @param lateAuthorizationSweep how long after a payment that did not answer in time
 * checkout looks once more for an authorization that payment completed anyway, and voids
 * it; longer than payment's own worst case (its card-network timeout, 10 s)
 */
@ConfigurationProperties("checkout.resilience")
public record FallbackProperties(@DefaultValue FraudFallback fraudFallback,
		@DefaultValue("30s") Duration lateAuthorizationSweep) {

	/**
	 * @param reviewUpToCents orders up to this total go on as REVIEW when the fraud check
	 * is unavailable; larger ones are refused
	 */
	public record FraudFallback(@DefaultValue("10000") long reviewUpToCents) {
	}

}
