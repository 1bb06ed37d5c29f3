package dev.latencylab.checkout.downstream;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

import org.junit.jupiter.api.Test;

import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latencylab.checkout.saga.DownstreamException;

/**
 * How a failed call is classified, which decides what the breaker counts, what is retried
 * and whether payment may have acted on it.
 */
class DownstreamExceptionTests {

	@Test
	void shouldRetryARefusedConnectionAndKnowNothingHappened() {
		DownstreamException refused = unreachable(new ConnectException("Connection refused"));

		assertThat(refused.isQuickFailure()).isTrue();
		assertThat(refused.isTimeout()).isFalse();
		assertThat(refused.outcomeUnknown()).isFalse();
	}

	@Test
	void shouldNeverRetryATimeoutWhoseCallMayStillRun() {
		DownstreamException timeout = unreachable(new HttpTimeoutException("request timed out"));

		assertThat(timeout.isTimeout()).isTrue();
		assertThat(timeout.isQuickFailure()).isFalse();
		assertThat(timeout.outcomeUnknown()).isTrue();
	}

	@Test
	void shouldTreatAConnectTimeoutAsATimeoutRatherThanARefusal() {
		HttpConnectTimeoutException connectTimeout = new HttpConnectTimeoutException("HTTP connect timed out");
		connectTimeout.initCause(new ConnectException("HTTP connect timed out"));

		DownstreamException timeout = unreachable(connectTimeout);

		assertThat(timeout.isTimeout()).isTrue();
		assertThat(timeout.isQuickFailure()).isFalse();
		assertThat(timeout.detail()).as("what the log and the order say").endsWith("(no connection in time)");
	}

	@Test
	void shouldRetryA503ButNotAnotherServerError() {
		assertThat(DownstreamFailures.refusal("fraud-service", 503, "service-unavailable").isQuickFailure()).isTrue();
		assertThat(DownstreamFailures.refusal("payment-service", 502, "card-network-error").isQuickFailure()).isFalse();
	}

	@Test
	void shouldKnowThatARejectedCallNeverReachedTheService() {
		DownstreamException rejected = DownstreamErrors.rejected("payment-service", DownstreamException.CIRCUIT_OPEN,
				"circuit breaker payment is OPEN", null);

		assertThat(rejected.isRejected()).isTrue();
		assertThat(rejected.isQuickFailure()).isFalse();
		assertThat(rejected.outcomeUnknown()).isFalse();
		assertThat(rejected.isRefusal()).isFalse();
	}

	private static DownstreamException unreachable(IOException cause) {
		return DownstreamErrors.unreachable("payment-service", new ResourceAccessException("I/O error", cause));
	}

}
