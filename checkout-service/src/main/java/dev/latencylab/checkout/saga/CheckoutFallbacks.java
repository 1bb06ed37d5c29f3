package dev.latencylab.checkout.saga;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.latencylab.kit.FlagContext;
import dev.latencylab.kit.LabMetrics;

/**
 * With {@code checkout-resilience} on, an unavailable service falls back: without a fraud
 * check a small order goes on as REVIEW and a large one is refused; without payment the
 * order fails at once. Each fallback is counted ({@value #FALLBACKS}), is an event on the
 * checkout's span ({@value #FALLBACK_EVENT}) and a line in the log.
 */
@Component
public class CheckoutFallbacks {

	/**
	 * Fallbacks taken, by {@code downstream} ({@code fraud}, {@code payment}) and
	 * {@code fallback} ({@code review}: the order went on as REVIEW; {@code refused}: the
	 * order failed cleanly).
	 */
	public static final String FALLBACKS = LabMetrics.PREFIX + "checkout.fallbacks";

	/** Span event: a fallback took the place of an unavailable service's answer. */
	public static final String FALLBACK_EVENT = "checkout.fallback";

	private static final AttributeKey<String> DOWNSTREAM = AttributeKey.stringKey("checkout.fallback.downstream");

	private static final AttributeKey<String> FALLBACK = AttributeKey.stringKey("checkout.fallback.kind");

	private static final AttributeKey<String> REASON = AttributeKey.stringKey("checkout.fallback.reason");

	private static final String FRAUD = "fraud";

	private static final String PAYMENT = "payment";

	private static final String REVIEW = "review";

	private static final String REFUSED = "refused";

	private static final Logger logger = LoggerFactory.getLogger(CheckoutFallbacks.class);

	private final MeterRegistry meters;

	private final ResilienceSwitch resilience;

	private final FallbackProperties properties;

	CheckoutFallbacks(MeterRegistry meters, ResilienceSwitch resilience, FallbackProperties properties) {
		this.meters = meters;
		this.resilience = resilience;
		this.properties = properties;
		// registered at start-up, so the dashboards have the series before any fallback
		for (String[] fallback : new String[][] { { FRAUD, REVIEW }, { FRAUD, REFUSED }, { PAYMENT, REFUSED } }) {
			counter(fallback[0], fallback[1]);
		}
	}

	/**
	 * @param order the order
	 * @return whether the order falls back where a service is unavailable
	 */
	boolean enabledFor(FlagContext order) {
		return this.resilience.isOn(order);
	}

	/**
	 * The fraud check is unavailable: a small order goes on as REVIEW, a large one is
	 * refused.
	 * @param run the checkout so far
	 * @param totalCents the order's total
	 * @param ex why the fraud check is unavailable
	 * @return the assessment the order goes on with
	 * @throws dev.latencylab.kit.ProblemException 503 {@code fraud-check-unavailable} for
	 * a large order
	 */
	FraudCheck.Assessment fraudCheck(Compensation.Run run, long totalCents, DownstreamException ex) {
		long reviewUpTo = reviewUpToCents();
		if (totalCents > reviewUpTo) {
			taken(FRAUD, REFUSED, ex);
			throw run.fail(ex, CheckoutProblems.fraudCheckUnavailable(ex, reviewUpTo));
		}
		taken(FRAUD, REVIEW, ex);
		return new FraudCheck.Assessment("REVIEW", 0, List.of());
	}

	/**
	 * @return the largest order that goes on as REVIEW without a fraud check
	 */
	long reviewUpToCents() {
		return this.properties.fraudFallback().reviewUpToCents();
	}

	/**
	 * Payment is unavailable: the order fails at once.
	 * @param ex why
	 */
	void paymentUnavailable(DownstreamException ex) {
		taken(PAYMENT, REFUSED, ex);
	}

	private void taken(String downstream, String fallback, DownstreamException cause) {
		counter(downstream, fallback).increment();
		Span.current()
			.addEvent(FALLBACK_EVENT,
					Attributes.of(DOWNSTREAM, downstream, FALLBACK, fallback, REASON, cause.getMessage()));
		logger.info("Checkout fallback ({} {}): {}", downstream, fallback, cause.getMessage());
	}

	private Counter counter(String downstream, String fallback) {
		return Counter.builder(FALLBACKS).tag("downstream", downstream).tag("fallback", fallback).register(this.meters);
	}

}
