package dev.latencylab.fraud.history;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The service's own record of every order it scored, from which velocity is computed.
 */
@Repository
public class OrderHistory {

	private final JdbcClient jdbc;

	OrderHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records an order unless it is already recorded. A concurrent insert of the same
	 * order waits for the other transaction and then reports {@code false}.
	 * @param orderId the order
	 * @param customerId who placed it
	 * @param amountCents its amount
	 * @param placedAt when it was scored
	 * @return {@code true} when this call recorded it, {@code false} when it was already
	 * there
	 */
	public boolean add(UUID orderId, String customerId, long amountCents, Instant placedAt) {
		int inserted = this.jdbc.sql("""
				INSERT INTO order_history (order_id, customer_id, amount_cents, created_at)
				VALUES (:orderId, :customerId, :amountCents, :createdAt)
				ON CONFLICT (order_id) DO NOTHING
				""")
			.param("orderId", orderId)
			.param("customerId", customerId)
			.param("amountCents", amountCents)
			.param("createdAt", utc(placedAt))
			.update();
		return inserted == 1;
	}

	/**
	 * The customer's history as seen when scoring one of their orders.
	 * @param customerId the customer
	 * @param excludedOrderId the order being scored, which does not count against itself
	 * @param now the time of scoring
	 * @param window how far back to count orders
	 * @return the customer's history
	 */
	public CustomerHistory of(String customerId, UUID excludedOrderId, Instant now, Duration window) {
		int orders = this.jdbc.sql("""
				SELECT count(*)
				FROM order_history
				WHERE customer_id = :customerId
				  AND created_at > :since
				  AND created_at <= :now
				  AND order_id <> :orderId
				""")
			.param("customerId", customerId)
			.param("since", utc(now.minus(window)))
			.param("now", utc(now))
			.param("orderId", excludedOrderId)
			.query(Integer.class)
			.single();
		return new CustomerHistory(customerId, window, orders);
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
