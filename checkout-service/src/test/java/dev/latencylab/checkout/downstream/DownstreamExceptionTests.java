package dev.latencylab.checkout.downstream;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
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
		// what the Apache client throws when the answer does not come in time
		DownstreamException timeout = unreachable(new SocketTimeoutException("Read timed out"));

		assertThat(timeout.isTimeout()).isTrue();
		assertThat(timeout.isQuickFailure()).isFalse();
		assertThat(timeout.outcomeUnknown()).isTrue();
		assertThat(timeout.detail()).as("what the log and the order say").endsWith("(no answer in time)");
	}

	@Test
	void shouldTreatAConnectTimeoutAsATimeoutRatherThanARefusal() {
		DownstreamException timeout = unreachable(
				new ConnectTimeoutException("Connect to http://127.0.0.1:8083 [/127.0.0.1] failed: Connect timed out"));

		assertThat(timeout.isTimeout()).isTrue();
		assertThat(timeout.isQuickFailure()).isFalse();
		assertThat(timeout.detail()).as("what the log and the order say").endsWith("(no connection in time)");
	}

	@Test
	void shouldTreatNoFreePooledConnectionInTimeAsNoConnectionInTime() {
		DownstreamException timeout = unreachable(new ConnectionRequestTimeoutException(
				"Timeout deadline: 2000 MILLISECONDS, actual: 2001 MILLISECONDS"));

		assertThat(timeout.isTimeout()).isTrue();
		assertThat(timeout.isQuickFailure()).isFalse();
		assertThat(timeout.detail()).endsWith("(no connection in time)");
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
