package dev.latencylab.payment.fault;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;

import dev.latencylab.payment.Api;
import dev.latencylab.payment.PaymentIntegrationTest;
import dev.latencylab.kit.test.TestFlags;

import static dev.latencylab.payment.Api.APPROVED_CARD;
import static dev.latencylab.payment.Api.authorizationBody;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code payment-slow-network}: the card network's slow share takes seconds; with the
 * fix, payment-service gives up within a second and fails cleanly (a retryable 502 that
 * stores nothing).
 */
@PaymentIntegrationTest
@ExtendWith(TestFlags.ResetAfterEach.class)
class SlowNetworkApiTests {

	@Autowired
	Api api;

	@Autowired
	TestFlags flags;

	@Autowired
	PaymentFaultsProperties faults;

	@Test
	void shouldTakeSecondsForTheSlowShareAndStayFastForTheRestWhenTheFaultIsOn() {
		this.flags.switchOn("payment-slow-network");

		Timed slow = authorize(order(true));
		Timed fast = authorize(order(false));

		assertThat(slow.status()).isEqualTo(201);
		assertThat(slow.millis()).isGreaterThanOrEqualTo(4_000);
		assertThat(fast.status()).isEqualTo(201);
		assertThat(fast.millis()).isLessThan(1_000);
	}

	@Test
	void shouldFailTheSlowShareCleanlyWithinASecondWithTheFix() {
		this.flags.switchOn("payment-slow-network", "payment-slow-network-fix");
		UUID orderId = order(true);

		Timed slow = authorize(orderId);
		Timed fast = authorize(order(false));

		assertThat(slow.millis()).isLessThan(1_000);
		assertThat(slow.status()).isEqualTo(502);
		assertThat(this.api.problemSlug(slow.response())).isEqualTo("card-network-error");
		assertThat(fast.status()).isEqualTo(201);
		assertThat(fast.millis()).isLessThan(1_000);
		assertThat(this.api.paymentCount()).as("only the fast order was authorized").isEqualTo(1);
		assertThat(this.api.idempotentRequestCount()).as("the failed key can be retried").isEqualTo(1);
	}

	@Test
	void shouldFailMostCallsCleanlyWithTheBadFix() {
		this.flags.switchOn("payment-slow-network", "payment-slow-network-badfix");

		// with a 1 ms timeout, 101 of 200 such calls failed on a quiet machine
		long failed = 0;
		for (int i = 0; i < 30; i++) {
			Timed fast = authorize(order(false));
			assertThat(fast.millis()).isLessThan(1_000);
			if (fast.status() == 502) {
				assertThat(this.api.problemSlug(fast.response())).isEqualTo("card-network-error");
				failed++;
			}
		}

		assertThat(failed).as("calls given up after 1 ms, of 30 the issuer answers at once").isGreaterThanOrEqualTo(5);
		assertThat(this.api.paymentCount()).as("only the calls that got an answer authorized").isEqualTo(30 - failed);
	}

	private UUID order(boolean inSlowShare) {
		while (true) {
			UUID orderId = UUID.randomUUID();
			if (TrafficShare.includes(orderId, "payment-slow-network",
					this.faults.slowNetwork().share()) == inSlowShare) {
				return orderId;
			}
		}
	}

	private Timed authorize(UUID orderId) {
		long started = System.nanoTime();
		HttpResponse<String> response = this.api.authorize(UUID.randomUUID().toString(),
				authorizationBody(orderId, 1_000, APPROVED_CARD));
		return new Timed(response, (System.nanoTime() - started) / 1_000_000);
	}

	private record Timed(HttpResponse<String> response, long millis) {

		int status() {
			return this.response.statusCode();
		}

	}

}
