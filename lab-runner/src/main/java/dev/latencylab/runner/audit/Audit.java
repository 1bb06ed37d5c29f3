package dev.latencylab.runner.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The invariants across the services' schemas (checkout, inventory, payment), read in one
 * snapshot of the database, so that a checkout in flight is seen before or after each of
 * its transactions, never half-way through one.
 */
public final class Audit {

	/** How many violations of one invariant are printed. */
	static final int EXAMPLES = 3;

	/**
	 * How long a reservation may stay held past its TTL: the expiry job runs every 30 s
	 * in the lab, and may be behind a stock recount.
	 */
	static final String EXPIRY_GRACE = "2 minutes";

	/**
	 * How long an order may sit in a step of the saga: checkout-service's recovery job
	 * takes it after 60 s without a move and runs every 15 s; a service it needs may be
	 * down for a while.
	 */
	static final String RECOVERY_GRACE = "5 minutes";

	static final List<Invariant> INVARIANTS = List.of(
			new Invariant("no-negative-stock", "no product has negative stock", """
					SELECT sku || ': stock ' || stock FROM inventory.product WHERE stock < 0 ORDER BY sku"""),
			new Invariant("stock-balance",
					"per product, the stock received (initial and counted) = on the shelf + reserved + sold",
					"""
							WITH received AS (
							    SELECT sku, sum(delta) AS units FROM inventory.stock_receipt GROUP BY sku),
							held AS (
							    SELECT l.sku,
							           sum(l.quantity) FILTER (WHERE r.status = 'PENDING') AS reserved,
							           sum(l.quantity) FILTER (WHERE r.status = 'CONFIRMED') AS sold
							    FROM inventory.reservation_line l JOIN inventory.reservation r ON r.id = l.reservation_id
							    GROUP BY l.sku)
							SELECT p.sku || ': received ' || coalesce(rc.units, 0) || ', on the shelf ' || p.stock
							       || ', reserved ' || coalesce(h.reserved, 0) || ', sold ' || coalesce(h.sold, 0)
							FROM inventory.product p
							LEFT JOIN received rc ON rc.sku = p.sku
							LEFT JOIN held h ON h.sku = p.sku
							WHERE coalesce(rc.units, 0) <> p.stock + coalesce(h.reserved, 0) + coalesce(h.sold, 0)
							ORDER BY p.sku"""),
			new Invariant("confirmed-orders-paid-and-reserved",
					"every CONFIRMED order has exactly one CAPTURED payment of its total and a CONFIRMED reservation",
					"""
							SELECT 'order ' || o.id || ': ' || concat_ws(', ',
							         CASE WHEN coalesce(p.captured, 0) <> 1
							              THEN coalesce(p.captured, 0) || ' captured payments' END,
							         CASE WHEN p.captured = 1 AND p.amount <> o.total_cents
							              THEN 'captured ' || p.amount || ' cents of ' || o.total_cents END,
							         CASE WHEN r.id IS NULL THEN 'no confirmed reservation' END)
							FROM checkout.customer_order o
							LEFT JOIN (SELECT order_id, count(*) AS captured, sum(amount_cents) AS amount
							           FROM payment.payment WHERE status = 'CAPTURED' GROUP BY order_id) p
							       ON p.order_id = o.id
							LEFT JOIN inventory.reservation r ON r.order_id = o.id AND r.status = 'CONFIRMED'
							WHERE o.status = 'CONFIRMED'
							  AND (coalesce(p.captured, 0) <> 1 OR p.amount <> o.total_cents OR r.id IS NULL)
							ORDER BY o.created_at"""),
			new Invariant("money-has-its-order",
					"no capture for an order that failed or does not exist, no ledger entry without its order", """
							SELECT 'payment ' || p.id || ' CAPTURED for order ' || p.order_id || ', which '
							       || CASE WHEN o.id IS NULL THEN 'does not exist' ELSE 'is ' || o.status END
							FROM payment.payment p LEFT JOIN checkout.customer_order o ON o.id = p.order_id
							WHERE p.status = 'CAPTURED' AND (o.id IS NULL OR o.status = 'FAILED')
							UNION ALL
							SELECT 'ledger entry ' || e.seq || ' (' || e.type || ') for order ' || e.order_id
							       || ', which does not exist'
							FROM payment.ledger_entry e
							WHERE NOT EXISTS (SELECT 1 FROM checkout.customer_order o WHERE o.id = e.order_id)"""),
			new Invariant("no-hold-for-a-failed-order",
					"no payment stays AUTHORIZED for a FAILED order, but one the recovery job is to void within "
							+ RECOVERY_GRACE,
					"""
							SELECT 'payment ' || p.id || ' AUTHORIZED for order ' || o.id || ', FAILED since '
							       || to_char(o.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC'
							       || CASE WHEN o.void_authorizations_after IS NULL THEN ', nothing left to void it'
							               ELSE ', to be voided after ' || to_char(o.void_authorizations_after
							                    AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC' END
							FROM payment.payment p JOIN checkout.customer_order o ON o.id = p.order_id
							WHERE p.status = 'AUTHORIZED' AND o.status = 'FAILED'
							  AND (o.void_authorizations_after IS NULL
							       OR o.void_authorizations_after < now() - interval '%s')
							ORDER BY o.updated_at""".formatted(RECOVERY_GRACE)),
			new Invariant("no-reservation-held-past-its-ttl",
					"no reservation still holds stock " + EXPIRY_GRACE + " after its TTL ran out", """
							SELECT 'reservation ' || id || ' of order ' || order_id || ': PENDING, expired at '
							       || to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC'
							FROM inventory.reservation
							WHERE status = 'PENDING' AND expires_at < now() - interval '%s'
							ORDER BY expires_at""".formatted(EXPIRY_GRACE)),
			new Invariant("no-checkout-left-half-done",
					"no order sits in a step of the saga " + RECOVERY_GRACE + " after its last move", """
							SELECT 'order ' || id || ': ' || status || ' since '
							       || to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC'
							FROM checkout.customer_order
							WHERE status NOT IN ('CONFIRMED', 'FAILED') AND updated_at < now() - interval '%s'
							ORDER BY updated_at""".formatted(RECOVERY_GRACE)),
			new Invariant("one-order-per-idempotency-key", "no Idempotency-Key made two orders", """
					SELECT idempotency_key || ': ' || count(*) || ' orders'
					FROM checkout.customer_order GROUP BY idempotency_key HAVING count(*) > 1"""),
			new Invariant("ledger-matches-payments",
					"per payment, the ledger's authorization, capture and void equal its amount as its status says",
					"""
							WITH e AS (
							    SELECT payment_id,
							           sum(amount_cents) FILTER (WHERE type = 'AUTHORIZATION') AS authorized,
							           sum(amount_cents) FILTER (WHERE type = 'CAPTURE') AS captured,
							           sum(amount_cents) FILTER (WHERE type = 'VOID') AS voided
							    FROM payment.ledger_entry GROUP BY payment_id)
							SELECT 'payment ' || p.id || ' (' || p.status || ', ' || p.amount_cents || ' cents): ledger '
							       || 'authorized ' || coalesce(e.authorized, 0) || ', captured ' || coalesce(e.captured, 0)
							       || ', voided ' || coalesce(e.voided, 0)
							FROM payment.payment p LEFT JOIN e ON e.payment_id = p.id
							WHERE coalesce(e.authorized, 0) <> CASE WHEN p.status = 'DECLINED' THEN 0 ELSE p.amount_cents END
							   OR coalesce(e.captured, 0) <> CASE WHEN p.status = 'CAPTURED' THEN p.amount_cents ELSE 0 END
							   OR coalesce(e.voided, 0) <> CASE WHEN p.status = 'VOIDED' THEN p.amount_cents ELSE 0 END
							ORDER BY p.created_at"""));

	private Audit() {
	}

	/**
	 * Checks every invariant in one read-only, repeatable-read transaction.
	 * @param jdbcUrl the lab's database
	 * @param user a user that reads the three schemas
	 * @param password its password
	 * @return one finding per invariant, in order
	 * @throws SQLException when the database cannot be read
	 */
	public static List<Finding> run(String jdbcUrl, String user, String password) throws SQLException {
		try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
			connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
			connection.setReadOnly(true);
			connection.setAutoCommit(false);
			List<Finding> findings = new ArrayList<>();
			try (Statement statement = connection.createStatement()) {
				for (Invariant invariant : INVARIANTS) {
					findings.add(check(statement, invariant));
				}
			}
			finally {
				connection.rollback();
			}
			return findings;
		}
	}

	private static Finding check(Statement statement, Invariant invariant) throws SQLException {
		int count = 0;
		List<String> examples = new ArrayList<>();
		try (ResultSet rs = statement.executeQuery(invariant.violations())) {
			while (rs.next()) {
				if (count++ < EXAMPLES) {
					examples.add(rs.getString(1));
				}
			}
		}
		return new Finding(invariant, count, List.copyOf(examples));
	}

}
