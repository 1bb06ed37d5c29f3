package dev.latencylab.checkout.downstream;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.client.RestClient;

import dev.latencylab.checkout.saga.DownstreamException;
import dev.latencylab.checkout.saga.ResilienceSwitch;
import dev.latencylab.kit.FlagContext;

/**
 * How checkout calls one downstream service. With {@code checkout-resilience} off, as it
 * always did: one client that waits up to its read timeout. On, through a client with a
 * short timeout, a bulkhead and a circuit breaker, and for calls that are idempotent by
 * key a retry of quick failures. What a guard does shows on the current span: an event
 * when a call times out, when the breaker or the bulkhead rejects one, when one is
 * retried and when the breaker changes state.
 */
final class DownstreamGuard {

	/** Span event: the breaker rejected a call without making it. */
	static final String BREAKER_REJECTED = "resilience4j.circuitbreaker.rejected";

	/** Span event: the breaker changed state (on the call that made it change). */
	static final String BREAKER_TRANSITION = "resilience4j.circuitbreaker.state_transition";

	/**
	 * Span event: the bulkhead rejected a call because as many were in flight as allowed.
	 */
	static final String BULKHEAD_REJECTED = "resilience4j.bulkhead.rejected";

	/** Span event: a call that failed quickly is tried again. */
	static final String RETRY = "resilience4j.retry";

	/** Span event: the service did not answer within the guarded client's timeout. */
	static final String TIMEOUT = "checkout.downstream.timeout";

	static final AttributeKey<String> NAME = AttributeKey.stringKey("resilience4j.name");

	static final AttributeKey<String> STATE = AttributeKey.stringKey("resilience4j.state");

	static final AttributeKey<String> FROM_STATE = AttributeKey.stringKey("resilience4j.from_state");

	static final AttributeKey<String> TO_STATE = AttributeKey.stringKey("resilience4j.to_state");

	static final AttributeKey<Long> MAX_CONCURRENT_CALLS = AttributeKey.longKey("resilience4j.max_concurrent_calls");

	static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("resilience4j.attempt");

	static final AttributeKey<String> ERROR = AttributeKey.stringKey("error.message");

	static final AttributeKey<String> SERVICE = AttributeKey.stringKey("downstream.service");

	static final AttributeKey<Long> TIMEOUT_MS = AttributeKey.longKey("downstream.timeout_ms");

	private static final Logger logger = LoggerFactory.getLogger(DownstreamGuard.class);

	private final String service;

	private final RestClient patient;

	private final RestClient impatient;

	private final Duration callTimeout;

	private final CircuitBreaker breaker;

	private final Bulkhead bulkhead;

	private final Retry retry;

	private final ResilienceSwitch resilience;

	DownstreamGuard(String service, RestClient patient, RestClient impatient, Duration callTimeout,
			CircuitBreaker breaker, Bulkhead bulkhead, Retry retry, ResilienceSwitch resilience) {
		this.service = service;
		this.patient = patient;
		this.impatient = impatient;
		this.callTimeout = callTimeout;
		this.breaker = breaker;
		this.bulkhead = bulkhead;
		this.retry = retry;
		this.resilience = resilience;
		breaker.getEventPublisher().onStateTransition((event) -> {
			logger.warn("Circuit breaker {} of {}: {}", breaker.getName(), service, event.getStateTransition());
			// published on the thread of the call that moved it: that call's span gets it
			Span.current()
				.addEvent(BREAKER_TRANSITION,
						Attributes.of(NAME, breaker.getName(), FROM_STATE,
								event.getStateTransition().getFromState().name(), TO_STATE,
								event.getStateTransition().getToState().name()));
		});
		retry.getEventPublisher()
			.onRetry((event) -> Span.current()
				.addEvent(RETRY, Attributes.of(NAME, retry.getName(), ATTEMPT, (long) event.getNumberOfRetryAttempts(),
						ERROR, String.valueOf(event.getLastThrowable().getMessage()))));
	}

	/**
	 * A call that must not be repeated: timeout, bulkhead and breaker when on.
	 * @param <T> the answer
	 * @param context the order the call is for, or {@link FlagContext#none()}
	 * @param request the call, made with the client it is given
	 * @return the answer
	 * @throws DownstreamException when the call failed or was rejected
	 */
	<T> T call(FlagContext context, Function<RestClient, T> request) {
		return this.resilience.isOn(context) ? guarded(request, false) : patiently(request);
	}

	/**
	 * A call that is idempotent by key: as {@link #call}, and when on, a quick failure
	 * (connection refused, 503) is tried again.
	 * @param <T> the answer
	 * @param context the order the call is for
	 * @param request the call, made with the client it is given
	 * @return the answer
	 * @throws DownstreamException when the call failed or was rejected
	 */
	<T> T callIdempotent(FlagContext context, Function<RestClient, T> request) {
		return this.resilience.isOn(context) ? guarded(request, true) : patiently(request);
	}

	/**
	 * A call that finishes or undoes an order already under way (capture, void, release):
	 * when on, only the short timeout applies. Neither the breaker nor the bulkhead may
	 * refuse it, because refusing it would leave money held or stock reserved for an
	 * order that has failed, or fail an order whose stock is confirmed.
	 * @param <T> the answer
	 * @param context the order the call is for, or {@link FlagContext#none()}
	 * @param request the call, made with the client it is given
	 * @return the answer
	 * @throws DownstreamException when the call failed
	 */
	<T> T finish(FlagContext context, Function<RestClient, T> request) {
		return this.resilience.isOn(context) ? attempt(request) : patiently(request);
	}

	private <T> T patiently(Function<RestClient, T> request) {
		return Downstream.call(this.service, () -> request.apply(this.patient));
	}

	private <T> T guarded(Function<RestClient, T> request, boolean retried) {
		// the bulkhead outside the breaker: a full bulkhead is not the service's failure
		Supplier<T> call = Bulkhead.decorateSupplier(this.bulkhead,
				CircuitBreaker.decorateSupplier(this.breaker, () -> attempt(request)));
		if (retried) {
			call = Retry.decorateSupplier(this.retry, call);
		}
		try {
			return call.get();
		}
		catch (CallNotPermittedException ex) {
			String state = this.breaker.getState().name();
			Span.current().addEvent(BREAKER_REJECTED, Attributes.of(NAME, this.breaker.getName(), STATE, state));
			throw DownstreamErrors.rejected(this.service, DownstreamException.CIRCUIT_OPEN, "circuit breaker "
					+ this.breaker.getName() + " is " + state + ": " + this.service + " was not called", ex);
		}
		catch (BulkheadFullException ex) {
			int max = this.bulkhead.getBulkheadConfig().getMaxConcurrentCalls();
			Span.current()
				.addEvent(BULKHEAD_REJECTED,
						Attributes.of(NAME, this.bulkhead.getName(), MAX_CONCURRENT_CALLS, (long) max));
			throw DownstreamErrors.rejected(this.service, DownstreamException.BULKHEAD_FULL,
					"bulkhead " + this.bulkhead.getName() + " is full (" + max + " calls in flight): " + this.service
							+ " was not called",
					ex);
		}
	}

	private <T> T attempt(Function<RestClient, T> request) {
		try {
			return Downstream.call(this.service, () -> request.apply(this.impatient));
		}
		catch (DownstreamException ex) {
			if (ex.isTimeout()) {
				Span.current()
					.addEvent(TIMEOUT, Attributes.of(SERVICE, this.service, TIMEOUT_MS, this.callTimeout.toMillis()));
			}
			throw ex;
		}
	}

}
