package dev.latencylab.payment.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The append-only record of every money movement. Entries are written in the transaction
 * that changes the payment, so the ledger and the payments never disagree.
 */
@Repository
public class Ledger {

	private static final RowMapper<LedgerEntry> ENTRY = (rs, row) -> new LedgerEntry(rs.getObject("id", UUID.class),
			rs.getObject("payment_id", UUID.class), rs.getObject("order_id", UUID.class),
			LedgerEntryType.valueOf(rs.getString("type")), rs.getLong("amount_cents"), rs.getString("currency"),
			rs.getTimestamp("created_at").toInstant());

	private final JdbcClient jdbc;

	Ledger(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records a money movement.
	 * @param paymentId the payment
	 * @param orderId its order
	 * @param type the movement; at most one of each type per payment
	 * @param amountCents how much
	 * @param currency in which currency
	 * @param now when
	 * @return the entry
	 */
	public LedgerEntry record(UUID paymentId, UUID orderId, LedgerEntryType type, long amountCents, String currency,
			Instant now) {
		LedgerEntry entry = new LedgerEntry(UUID.randomUUID(), paymentId, orderId, type, amountCents, currency, now);
		this.jdbc.sql("""
				INSERT INTO ledger_entry (id, payment_id, order_id, type, amount_cents, currency, created_at)
				VALUES (:id, :paymentId, :orderId, :type, :amountCents, :currency, :createdAt)
				""")
			.param("id", entry.entryId())
			.param("paymentId", paymentId)
			.param("orderId", orderId)
			.param("type", type.name())
			.param("amountCents", amountCents)
			.param("currency", currency)
			.param("createdAt", Timestamp.from(now))
			.update();
		return entry;
	}

	/**
	 * @param orderId the order
	 * @return every entry of the order's payments, oldest first
	 */
	public List<LedgerEntry> entriesOf(UUID orderId) {
		return this.jdbc.sql("""
				SELECT id, payment_id, order_id, type, amount_cents, currency, created_at
				FROM ledger_entry
				WHERE order_id = :orderId
				ORDER BY seq
				""").param("orderId", orderId).query(ENTRY).list();
	}

}
