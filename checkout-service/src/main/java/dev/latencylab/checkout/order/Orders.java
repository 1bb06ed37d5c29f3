package dev.latencylab.checkout.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The order store: claims idempotency keys, moves orders through the saga and keeps their
 * history.
 * <p>
 * Each step of the saga is one statement: what the step learned, the new status and its
 * line of history are written together (an {@code UPDATE} and an {@code INSERT} in one
 * data-modifying {@code WITH}), so an order's 21 round trips to PostgreSQL on the way to
 * CONFIRMED are 11 (docs/benchmarks.md, the checkout's floor).
 */
@Repository
public class Orders {

	private static final TypeReference<Map<String, Object>> PROPERTIES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final Clock clock;

	private final JsonMapper jsonMapper;

	public Orders(JdbcClient jdbc, Clock clock, JsonMapper jsonMapper) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Creates a PENDING order for an idempotency key, unless the key is taken already.
	 * @param order the new order's id, customer and lines
	 * @param idempotencyKey the caller's key
	 * @param requestHash a hash of the request, to spot a key reused for another request
	 * @param email the customer's email
	 * @return the claim: the new order, or the one that already had the key
	 */
	@Transactional
	public Claim claim(NewOrder order, String idempotencyKey, String requestHash, String email) {
		Instant now = this.clock.instant();
		// ON CONFLICT keeps two concurrent requests with one key from both running the
		// saga
		int inserted = this.jdbc.sql("""
				INSERT INTO customer_order (id, idempotency_key, request_hash, customer_id, email, status,
				                            created_at, updated_at)
				VALUES (:id, :key, :hash, :customerId, :email, 'PENDING', :now, :now)
				ON CONFLICT (idempotency_key) DO NOTHING
				""")
			.param("id", order.orderId())
			.param("key", idempotencyKey)
			.param("hash", requestHash)
			.param("customerId", order.customerId())
			.param("email", email)
			.param("now", Timestamp.from(now))
			.update();
		if (inserted == 0) {
			UUID existing = this.jdbc.sql("SELECT id FROM customer_order WHERE idempotency_key = :key")
				.param("key", idempotencyKey)
				.query(UUID.class)
				.single();
			String existingHash = this.jdbc.sql("SELECT request_hash FROM customer_order WHERE id = :id")
				.param("id", existing)
				.query(String.class)
				.single();
			return new Claim(find(existing).orElseThrow(), false, existingHash.equals(requestHash));
		}
		for (Order.Line line : order.lines()) {
			this.jdbc.sql("INSERT INTO order_line (order_id, sku, quantity) VALUES (:id, :sku, :quantity)")
				.param("id", order.orderId())
				.param("sku", line.sku())
				.param("quantity", line.quantity())
				.update();
		}
		String accepted = "checkout accepted";
		recordHistory(order.orderId(), OrderStatus.PENDING, accepted, now);
		// the order as it was just written, without reading it back
		Order pending = new Order(order.orderId(), order.customerId(), OrderStatus.PENDING, null, "EUR", null, null,
				null, null, order.lines(), List.of(new Order.StatusChange(OrderStatus.PENDING, accepted, now)), now);
		return new Claim(pending, true, true);
	}

	/**
	 * Records that the reservation was made and the lines priced.
	 * @param orderId the order
	 * @param reservationId the inventory reservation
	 * @param pricedLines the lines with the prices inventory charged
	 * @param totalCents the order total
	 */
	@Transactional
	public void reserved(UUID orderId, UUID reservationId, List<Order.Line> pricedLines, long totalCents) {
		for (Order.Line line : pricedLines) {
			this.jdbc.sql("UPDATE order_line SET unit_price_cents = :price WHERE order_id = :id AND sku = :sku")
				.param("price", line.unitPriceCents())
				.param("id", orderId)
				.param("sku", line.sku())
				.update();
		}
		move(orderId, OrderStatus.RESERVED, "stock reserved", "reservation_id = :reservationId, total_cents = :total",
				Map.of("reservationId", reservationId, "total", totalCents));
	}

	@Transactional
	public void scored(UUID orderId, String decision, String note) {
		move(orderId, OrderStatus.SCORED, note, "fraud_decision = :decision", Map.of("decision", decision));
	}

	@Transactional
	public void authorized(UUID orderId, UUID paymentId) {
		move(orderId, OrderStatus.AUTHORIZED, "payment authorized", "payment_id = :paymentId",
				Map.of("paymentId", paymentId));
	}

	/**
	 * Moves an order to a status and records the move.
	 * @param orderId the order
	 * @param status the new status
	 * @param note what happened
	 */
	@Transactional
	public void advance(UUID orderId, OrderStatus status, String note) {
		move(orderId, status, note, "", Map.of());
	}

	/**
	 * Sets an order's columns, moves it to a status and records the move, in one
	 * statement.
	 * @param set assignments of the step's own columns ({@code column = :param, ...}; a
	 * constant of this class, never input), or empty
	 * @param values the values of their parameters
	 */
	private void move(UUID orderId, OrderStatus status, String note, String set, Map<String, ?> values) {
		// the history row takes status and time from the row just updated: typed by the
		// table, and nothing when there was no such order
		this.jdbc.sql("""
				WITH moved AS (
				    UPDATE customer_order SET %s status = :status, updated_at = :now WHERE id = :id
				    RETURNING id, status, updated_at
				)
				INSERT INTO order_status_history (order_id, status, note, at)
				SELECT id, status, :note, updated_at FROM moved
				""".formatted(set.isEmpty() ? "" : set + ","))
			.params(values)
			.param("status", status.name())
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", orderId)
			.param("note", note)
			.update();
	}

	/**
	 * Ends an order as FAILED, keeping the answer the caller got.
	 * @param orderId the order
	 * @param failure why it failed
	 * @param note what the saga undid
	 */
	@Transactional
	public void failed(UUID orderId, Order.Failure failure, String note) {
		failed(orderId, failure, note, null);
	}

	/**
	 * Ends an order as FAILED, keeping the answer the caller got, and with it the time
	 * after which payment may have completed an authorization that got no answer: until
	 * {@link #authorizationsVoided} the order is one of
	 * {@link #authorizationsToVoid(Instant, int)}.
	 * @param orderId the order
	 * @param failure why it failed
	 * @param note what the saga undid
	 * @param voidAuthorizationsAfter when to look for its authorizations once more, or
	 * {@code null}
	 */
	@Transactional
	public void failed(UUID orderId, Order.Failure failure, String note, Instant voidAuthorizationsAfter) {
		Map<String, Object> values = new HashMap<>();
		values.put("failureStatus", failure.status());
		values.put("type", failure.type());
		values.put("title", failure.title());
		values.put("detail", failure.detail());
		values.put("properties", this.jsonMapper.writeValueAsString(failure.properties()));
		values.put("voidAfter", new SqlParameterValue(Types.TIMESTAMP,
				(voidAuthorizationsAfter != null) ? Timestamp.from(voidAuthorizationsAfter) : null));
		move(orderId, OrderStatus.FAILED, note, """
				failure_status = :failureStatus, failure_type = :type, failure_title = :title, \
				failure_detail = :detail, failure_properties = :properties, void_authorizations_after = :voidAfter""",
				values);
	}

	/**
	 * @param now the time
	 * @param limit at most this many
	 * @return failed orders whose authorizations are to be voided once more by now, the
	 * longest due first
	 */
	public List<UUID> authorizationsToVoid(Instant now, int limit) {
		return this.jdbc.sql("""
				SELECT id FROM customer_order
				WHERE void_authorizations_after <= :now
				ORDER BY void_authorizations_after, id LIMIT :limit
				""").param("now", Timestamp.from(now)).param("limit", limit).query(UUID.class).list();
	}

	/**
	 * Records that a failed order's authorizations were looked up once more and voided.
	 * @param orderId the order
	 * @param voided the authorizations voided now (none when payment held none)
	 */
	@Transactional
	public void authorizationsVoided(UUID orderId, List<UUID> voided) {
		this.jdbc.sql("UPDATE customer_order SET void_authorizations_after = NULL WHERE id = :id")
			.param("id", orderId)
			.update();
		if (!voided.isEmpty()) {
			recordHistory(orderId, OrderStatus.FAILED, "late authorizations " + voided + " voided",
					this.clock.instant());
		}
	}

	/**
	 * Confirms a failed order that went through after all: payment had captured it, and
	 * only the capture's answer was lost. The failure the caller got is no longer the
	 * order's; a replay of its key answers the confirmed order.
	 * @param orderId the order
	 * @param note what was found
	 */
	@Transactional
	public void confirmedAfterAll(UUID orderId, String note) {
		move(orderId, OrderStatus.CONFIRMED, note, """
				failure_status = NULL, failure_type = NULL, failure_title = NULL, failure_detail = NULL, \
				failure_properties = NULL, void_authorizations_after = NULL""", Map.of());
	}

	/**
	 * Forgets an order whose request turned out to be invalid (an unknown SKU), so a
	 * rejected request leaves nothing behind.
	 * @param orderId the order
	 */
	@Transactional
	public void forget(UUID orderId) {
		this.jdbc.sql("DELETE FROM customer_order WHERE id = :id").param("id", orderId).update();
	}

	/**
	 * Orders a saga left in a step, oldest first: not final, not moved since the time.
	 * @param before moved last before this
	 * @param limit at most this many
	 * @return the orders, whole
	 */
	public List<Order> stuckSince(Instant before, int limit) {
		return whole(this.jdbc.sql("""
				SELECT * FROM customer_order
				WHERE status NOT IN ('CONFIRMED', 'FAILED') AND updated_at < :before
				ORDER BY updated_at, id LIMIT :limit
				""").param("before", Timestamp.from(before)).param("limit", limit));
	}

	/**
	 * Takes an order that sat in a step for the one who recovers it: only when it is
	 * still in that step and has not moved since the time, so that a saga still running
	 * (or another instance's recovery) keeps it.
	 * @param orderId the order
	 * @param status the step it sat in
	 * @param before moved last before this
	 * @return whether the caller has it now
	 */
	@Transactional
	public boolean take(UUID orderId, OrderStatus status, Instant before) {
		Instant now = this.clock.instant();
		return this.jdbc.sql(
				"UPDATE customer_order SET updated_at = :now WHERE id = :id AND status = :status AND updated_at < :before")
			.param("now", Timestamp.from(now))
			.param("id", orderId)
			.param("status", status.name())
			.param("before", Timestamp.from(before))
			.update() == 1;
	}

	public Optional<Order> find(UUID orderId) {
		return this.jdbc.sql("SELECT * FROM customer_order WHERE id = :id")
			.param("id", orderId)
			.query(this::header)
			.optional()
			.map(this::complete);
	}

	/**
	 * A customer's orders, newest first.
	 * @param customerId the customer
	 * @param limit at most this many
	 * @return the orders
	 */
	public List<Order> findByCustomer(String customerId, int limit) {
		return whole(this.jdbc
			.sql("SELECT * FROM customer_order WHERE customer_id = :customerId "
					+ "ORDER BY created_at DESC, id LIMIT :limit")
			.param("customerId", customerId)
			.param("limit", limit));
	}

	/** The orders a query finds, each with its lines and history. */
	private List<Order> whole(JdbcClient.StatementSpec query) {
		return query.query(this::header).list().stream().map(this::complete).toList();
	}

	private void recordHistory(UUID orderId, OrderStatus status, String note, Instant at) {
		this.jdbc.sql("INSERT INTO order_status_history (order_id, status, note, at) VALUES (:id, :status, :note, :at)")
			.param("id", orderId)
			.param("status", status.name())
			.param("note", note)
			.param("at", Timestamp.from(at))
			.update();
	}

	private Order header(ResultSet rs, int row) throws SQLException {
		Order.Failure failure = null;
		if (rs.getString("failure_type") != null) {
			String properties = rs.getString("failure_properties");
			failure = new Order.Failure(rs.getInt("failure_status"), rs.getString("failure_type"),
					rs.getString("failure_title"), rs.getString("failure_detail"),
					(properties != null) ? this.jsonMapper.readValue(properties, PROPERTIES) : Map.of());
		}
		return new Order(rs.getObject("id", UUID.class), rs.getString("customer_id"),
				OrderStatus.valueOf(rs.getString("status")), rs.getObject("total_cents", Long.class), "EUR",
				rs.getObject("reservation_id", UUID.class), rs.getObject("payment_id", UUID.class),
				rs.getString("fraud_decision"), failure, List.of(), List.of(),
				rs.getTimestamp("created_at").toInstant());
	}

	private Order complete(Order order) {
		List<Order.Line> lines = this.jdbc
			.sql("SELECT sku, quantity, unit_price_cents FROM order_line WHERE order_id = :id ORDER BY sku")
			.param("id", order.orderId())
			.query((rs, row) -> new Order.Line(rs.getString("sku"), rs.getInt("quantity"),
					rs.getObject("unit_price_cents", Long.class)))
			.list();
		List<Order.StatusChange> history = this.jdbc
			.sql("SELECT status, note, at FROM order_status_history WHERE order_id = :id ORDER BY id")
			.param("id", order.orderId())
			.query((rs, row) -> new Order.StatusChange(OrderStatus.valueOf(rs.getString("status")),
					rs.getString("note"), rs.getTimestamp("at").toInstant()))
			.list();
		return new Order(order.orderId(), order.customerId(), order.status(), order.totalCents(), order.currency(),
				order.reservationId(), order.paymentId(), order.fraudDecision(), order.failure(), lines, history,
				order.createdAt());
	}

	/**
	 * What the store needs to open an order.
	 *
	 * @param orderId the new id
	 * @param customerId the customer
	 * @param lines the lines, not yet priced
	 */
	public record NewOrder(UUID orderId, String customerId, List<Order.Line> lines) {
	}

	/**
	 * The result of claiming an idempotency key.
	 *
	 * @param order the order that holds the key
	 * @param created whether this call created it
	 * @param sameRequest whether the key was first used for the same request
	 */
	public record Claim(Order order, boolean created, boolean sameRequest) {
	}

}
