package dev.latencylab.payment.authorization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL behind payments.
 */
@Repository
class Payments {

	private static final String COLUMNS = "id, order_id, status, amount_cents, currency, card_last4";

	private final JdbcClient jdbc;

	Payments(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Payment> find(UUID paymentId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM payment WHERE id = :id")
			.param("id", paymentId)
			.query(this::payment)
			.optional();
	}

	List<Payment> findByOrder(UUID orderId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM payment WHERE order_id = :orderId ORDER BY created_at, id")
			.param("orderId", orderId)
			.query(this::payment)
			.list();
	}

	/**
	 * Locks a payment until the end of the transaction, so that a capture and a void
	 * never act on it at the same time.
	 */
	Optional<Payment> lock(UUID paymentId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM payment WHERE id = :id FOR UPDATE")
			.param("id", paymentId)
			.query(this::payment)
			.optional();
	}

	/**
	 * @param payment the new payment
	 * @param declineCode why the network declined it; {@code null} unless
	 * {@code DECLINED}
	 * @param now when
	 */
	void insert(Payment payment, String declineCode, Instant now) {
		this.jdbc.sql("""
				INSERT INTO payment (id, order_id, status, amount_cents, currency, card_last4, decline_code,
				                     created_at, updated_at)
				VALUES (:id, :orderId, :status, :amountCents, :currency, :cardLast4, :declineCode, :now, :now)
				""")
			.param("id", payment.paymentId())
			.param("orderId", payment.orderId())
			.param("status", payment.status().name())
			.param("amountCents", payment.amountCents())
			.param("currency", payment.currency())
			.param("cardLast4", payment.cardLast4())
			.param("declineCode", declineCode, Types.VARCHAR)
			.param("now", Timestamp.from(now))
			.update();
	}

	void setStatus(UUID paymentId, PaymentStatus status, Instant now) {
		this.jdbc.sql("UPDATE payment SET status = :status, updated_at = :now WHERE id = :id")
			.param("id", paymentId)
			.param("status", status.name())
			.param("now", Timestamp.from(now))
			.update();
	}

	private Payment payment(ResultSet rs, int row) throws SQLException {
		return new Payment(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
				PaymentStatus.valueOf(rs.getString("status")), rs.getLong("amount_cents"), rs.getString("currency"),
				rs.getString("card_last4"));
	}

}
