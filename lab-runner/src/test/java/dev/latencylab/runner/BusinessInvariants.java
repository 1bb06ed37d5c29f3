package dev.latencylab.runner;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What must hold in the lab's data whatever failed or was slow: every confirmed order has
 * one captured payment and a confirmed reservation, and no payment is captured without a
 * confirmed order. Checked once no order is between its first and last step.
 */
final class BusinessInvariants {

	private static final String UNSETTLED = "SELECT count(*) FROM checkout.customer_order "
			+ "WHERE status NOT IN ('CONFIRMED', 'FAILED')";

	private static final String CONFIRMED_WITHOUT_ONE_CAPTURE = """
			SELECT count(*) FROM checkout.customer_order o WHERE o.status = 'CONFIRMED'
			  AND (SELECT count(*) FROM payment.payment p WHERE p.order_id = o.id AND p.status = 'CAPTURED') <> 1""";

	private static final String CONFIRMED_WITHOUT_RESERVATION = """
			SELECT count(*) FROM checkout.customer_order o WHERE o.status = 'CONFIRMED'
			  AND NOT EXISTS (SELECT 1 FROM inventory.reservation r WHERE r.order_id = o.id AND r.status = 'CONFIRMED')""";

	private static final String CAPTURED_WITHOUT_ORDER = """
			SELECT count(*) FROM payment.payment p WHERE p.status = 'CAPTURED'
			  AND NOT EXISTS (SELECT 1 FROM checkout.customer_order o WHERE o.id = p.order_id AND o.status = 'CONFIRMED')""";

	private BusinessInvariants() {
	}

	/**
	 * Waits until every order has settled, then checks.
	 * @param client the lab
	 * @param after what ran before, for messages
	 */
	static void assertHold(LabClient client, String after) {
		await("every order of " + after + " settled").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> client.queryInt(UNSETTLED) == 0);
		int confirmed = client.queryInt("SELECT count(*) FROM checkout.customer_order WHERE status = 'CONFIRMED'");
		int failed = client.queryInt("SELECT count(*) FROM checkout.customer_order WHERE status = 'FAILED'");
		System.out.printf("business after %s: %d orders confirmed, %d failed, %d payments captured%n", after, confirmed,
				failed, client.queryInt("SELECT count(*) FROM payment.payment WHERE status = 'CAPTURED'"));

		assertThat(client.queryInt(CONFIRMED_WITHOUT_ONE_CAPTURE))
			.as("after %s: confirmed orders without exactly one captured payment", after)
			.isZero();
		assertThat(client.queryInt(CONFIRMED_WITHOUT_RESERVATION))
			.as("after %s: confirmed orders without a confirmed reservation", after)
			.isZero();
		assertThat(client.queryInt(CAPTURED_WITHOUT_ORDER))
			.as("after %s: payments captured without a confirmed order", after)
			.isZero();
	}

}
