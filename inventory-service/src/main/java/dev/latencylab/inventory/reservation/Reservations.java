package dev.latencylab.inventory.reservation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL behind reservations: the reservation rows, their lines and the stock they hold.
 *
 * <p>
 * Lock order, kept by every caller so that no two transactions wait for each other in a
 * circle: reservation rows first, then product rows in ascending SKU order.
 */
@Repository
class Reservations {

	private final JdbcClient jdbc;

	Reservations(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Reservation> find(UUID reservationId) {
		return this.jdbc.sql("""
				SELECT id, order_id, status, total_cents, expires_at
				FROM reservation
				WHERE id = :id
				""").param("id", reservationId).query(this::header).optional().map(this::withLines);
	}

	Optional<Reservation> findByOrder(UUID orderId) {
		return this.jdbc.sql("""
				SELECT id, order_id, status, total_cents, expires_at
				FROM reservation
				WHERE order_id = :orderId
				""").param("orderId", orderId).query(this::header).optional().map(this::withLines);
	}

	/**
	 * Locks a reservation until the end of the transaction, so that a confirm, a release
	 * and the expiry job never act on it at the same time.
	 */
	Optional<Locked> lock(UUID reservationId) {
		return this.jdbc.sql("SELECT status, expires_at FROM reservation WHERE id = :id FOR UPDATE")
			.param("id", reservationId)
			.query((rs, row) -> new Locked(ReservationStatus.valueOf(rs.getString("status")),
					rs.getTimestamp("expires_at").toInstant()))
			.optional();
	}

	/**
	 * Locks up to {@code limit} overdue PENDING reservations, skipping those another
	 * transaction holds: concurrent expiry runs share the work instead of queueing.
	 */
	List<UUID> lockOverdue(Instant now, int limit) {
		return this.jdbc.sql("""
				SELECT id
				FROM reservation
				WHERE status = 'PENDING' AND expires_at <= :now
				ORDER BY expires_at
				LIMIT :limit
				FOR UPDATE SKIP LOCKED
				""").param("now", Timestamp.from(now)).param("limit", limit).query(UUID.class).list();
	}

	/**
	 * Inserts a PENDING reservation unless the order has one already.
	 * @return whether it was inserted; {@code false} when a concurrent request for the
	 * same order committed first
	 */
	boolean insert(UUID reservationId, UUID orderId, long totalCents, Instant now, Instant expiresAt) {
		// ON CONFLICT waits for a concurrent insert of the same order and then skips,
		// instead of failing the transaction with a unique violation
		return this.jdbc.sql("""
				INSERT INTO reservation (id, order_id, status, total_cents, created_at, expires_at, updated_at)
				VALUES (:id, :orderId, 'PENDING', :totalCents, :now, :expiresAt, :now)
				ON CONFLICT (order_id) DO NOTHING
				""")
			.param("id", reservationId)
			.param("orderId", orderId)
			.param("totalCents", totalCents)
			.param("now", Timestamp.from(now))
			.param("expiresAt", Timestamp.from(expiresAt))
			.update() == 1;
	}

	void insertLine(UUID reservationId, int lineNo, Reservation.Line line) {
		this.jdbc.sql("""
				INSERT INTO reservation_line (reservation_id, line_no, sku, quantity, unit_price_cents)
				VALUES (:id, :lineNo, :sku, :quantity, :unitPriceCents)
				""")
			.param("id", reservationId)
			.param("lineNo", lineNo)
			.param("sku", line.sku())
			.param("quantity", line.quantity())
			.param("unitPriceCents", line.unitPriceCents())
			.update();
	}

	/**
	 * Takes units out of stock if there are enough. The condition is checked on the
	 * locked row, so concurrent takes can never drive stock below zero.
	 * @return whether the units were taken
	 */
	boolean take(String sku, int quantity) {
		return this.jdbc.sql("UPDATE product SET stock = stock - :quantity WHERE sku = :sku AND stock >= :quantity")
			.param("sku", sku)
			.param("quantity", quantity)
			.update() == 1;
	}

	int available(String sku) {
		return this.jdbc.sql("SELECT stock FROM product WHERE sku = :sku")
			.param("sku", sku)
			.query(Integer.class)
			.single();
	}

	/**
	 * Gives the stock held by reservations back to the catalogue. The caller must hold
	 * the reservations' locks, so that no stock is given back twice.
	 */
	void giveBack(Collection<UUID> reservationIds) {
		Map<String, Integer> held = new TreeMap<>();
		this.jdbc.sql("""
				SELECT sku, sum(quantity) AS quantity
				FROM reservation_line
				WHERE reservation_id IN (:ids)
				GROUP BY sku
				""").param("ids", reservationIds).query((rs) -> {
			held.put(rs.getString("sku"), rs.getInt("quantity"));
		});
		// one UPDATE per SKU in SKU order: an UPDATE ... FROM would lock rows in join
		// order and could deadlock with a reservation locking them in SKU order
		held.forEach((sku, quantity) -> this.jdbc.sql("UPDATE product SET stock = stock + :quantity WHERE sku = :sku")
			.param("sku", sku)
			.param("quantity", quantity)
			.update());
	}

	void setStatus(Collection<UUID> reservationIds, ReservationStatus status, Instant now) {
		this.jdbc.sql("UPDATE reservation SET status = :status, updated_at = :now WHERE id IN (:ids)")
			.param("status", status.name())
			.param("now", Timestamp.from(now))
			.param("ids", reservationIds)
			.update();
	}

	private Reservation header(ResultSet rs, int row) throws SQLException {
		return new Reservation(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
				ReservationStatus.valueOf(rs.getString("status")), List.of(), rs.getLong("total_cents"),
				rs.getTimestamp("expires_at").toInstant());
	}

	private Reservation withLines(Reservation header) {
		List<Reservation.Line> lines = this.jdbc.sql("""
				SELECT sku, quantity, unit_price_cents
				FROM reservation_line
				WHERE reservation_id = :id
				ORDER BY line_no
				""")
			.param("id", header.reservationId())
			.query((rs, row) -> new Reservation.Line(rs.getString("sku"), rs.getInt("quantity"),
					rs.getLong("unit_price_cents")))
			.list();
		return new Reservation(header.reservationId(), header.orderId(), header.status(), lines, header.totalCents(),
				header.expiresAt());
	}

	/**
	 * A reservation's state as seen under its row lock.
	 *
	 * @param status the current status
	 * @param expiresAt when it is overdue if still PENDING
	 */
	record Locked(ReservationStatus status, Instant expiresAt) {

		boolean overdue(Instant now) {
			return this.status == ReservationStatus.PENDING && !now.isBefore(this.expiresAt);
		}

	}

}
