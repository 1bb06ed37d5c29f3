package dev.latencylab.checkout.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
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
 * data-modifying {@code WITH}, with the lines' prices when they come), and an order is
 * read whole, lines and history, in one query: an order's 21 round trips to PostgreSQL on
 * the way to CONFIRMED are 8 (docs/benchmarks.md, the checkout's floor).
 */
@Repository
public class Orders {

	private static final TypeReference<Map<String, Object>> PROPERTIES = new TypeReference<>() {
	};

	private static final TypeReference<List<Order.Line>> LINES = new TypeReference<>() {
	};

	private static final TypeReference<List<HistoryRow>> HISTORY = new TypeReference<>() {
	};

	/**
	 * Orders with their lines and history in one round trip (not three): each row carries
	 * them as JSON arrays. Followed by a {@code WHERE} on {@code customer_order}.
	 */
	private static final String WHOLE = """
			SELECT o.*,
			    (SELECT coalesce(json_agg(json_build_object('sku', l.sku, 'quantity', l.quantity,
			                 'unitPriceCents', l.unit_price_cents) ORDER BY l.sku), '[]')
			     FROM order_line l WHERE l.order_id = o.id) AS lines,
			    (SELECT coalesce(json_agg(json_build_object('status', h.status, 'note', h.note, 'at', h.at)
			                 ORDER BY h.id), '[]')
			     FROM order_status_history h WHERE h.order_id = o.id) AS history
			FROM customer_order o
			""";

	/** Every line's price, in the statement of the RESERVED step ({@link #move}). */
	private static final String PRICE_LINES = """
			priced AS (
			    UPDATE order_line l SET unit_price_cents = p.price
			    FROM unnest(:skus::text[], :prices::bigint[]) AS p(sku, price)
			    WHERE l.order_id = :id AND l.sku = p.sku
			),
			""";

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
		move(orderId, OrderStatus.RESERVED, "stock reserved", PRICE_LINES,
				"reservation_id = :reservationId, total_cents = :total",
				Map.of("reservationId", reservationId, "total", totalCents, "skus",
						pricedLines.stream().map(Order.Line::sku).toArray(String[]::new), "prices",
						pricedLines.stream().map(Order.Line::unitPriceCents).toArray(Long[]::new)));
	}

	@Transactional
	public void scored(UUID orderId, String decision, String note) {
		move(orderId, OrderStatus.SCORED, note, "", "fraud_decision = :decision", Map.of("decision", decision));
	}

	@Transactional
	public void authorized(UUID orderId, UUID paymentId) {
		move(orderId, OrderStatus.AUTHORIZED, "payment authorized", "", "payment_id = :paymentId",
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
		move(orderId, status, note, "", "", Map.of());
	}

	/**
	 * Sets an order's columns, moves it to a status and records the move, in one
	 * statement.
	 * @param with another data-modifying query of the step's ({@code name AS (...),}; a
	 * constant of this class), or empty
	 * @param set assignments of the step's own columns ({@code column = :param, ...}; a
	 * constant of this class, never input), or empty
	 * @param values the values of their parameters
	 */
	private void move(UUID orderId, OrderStatus status, String note, String with, String set, Map<String, ?> values) {
		// the history row takes status and time from the row just updated: typed by the
		// table, and nothing when there was no such order
		this.jdbc.sql("""
				WITH %s moved AS (
				    UPDATE customer_order SET %s status = :status, updated_at = :now WHERE id = :id
				    RETURNING id, status, updated_at
				)
				INSERT INTO order_status_history (order_id, status, note, at)
				SELECT id, status, :note, updated_at FROM moved
				""".formatted(with, set.isEmpty() ? "" : set + ","))
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
		move(orderId, OrderStatus.FAILED, note, "", """
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
		move(orderId, OrderStatus.CONFIRMED, note, "", """
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
		return this.jdbc.sql(WHOLE + """
				WHERE status NOT IN ('CONFIRMED', 'FAILED') AND updated_at < :before
				ORDER BY updated_at, id LIMIT :limit
				""").param("before", Timestamp.from(before)).param("limit", limit).query(this::whole).list();
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
		return this.jdbc.sql(WHOLE + "WHERE id = :id").param("id", orderId).query(this::whole).optional();
	}

	/**
	 * A customer's orders, newest first.
	 * @param customerId the customer
	 * @param limit at most this many
	 * @return the orders
	 */
	public List<Order> findByCustomer(String customerId, int limit) {
		return this.jdbc.sql(WHOLE + "WHERE customer_id = :customerId ORDER BY created_at DESC, id LIMIT :limit")
			.param("customerId", customerId)
			.param("limit", limit)
			.query(this::whole)
			.list();
	}

	private void recordHistory(UUID orderId, OrderStatus status, String note, Instant at) {
		this.jdbc.sql("INSERT INTO order_status_history (order_id, status, note, at) VALUES (:id, :status, :note, :at)")
			.param("id", orderId)
			.param("status", status.name())
			.param("note", note)
			.param("at", Timestamp.from(at))
			.update();
	}

	/** An order of {@link #WHOLE}'s row: its columns, lines and history. */
	private Order whole(ResultSet rs, int row) throws SQLException {
		Order.Failure failure = null;
		if (rs.getString("failure_type") != null) {
			String properties = rs.getString("failure_properties");
			failure = new Order.Failure(rs.getInt("failure_status"), rs.getString("failure_type"),
					rs.getString("failure_title"), rs.getString("failure_detail"),
					(properties != null) ? this.jsonMapper.readValue(properties, PROPERTIES) : Map.of());
		}
		List<Order.Line> lines = this.jsonMapper.readValue(rs.getString("lines"), LINES);
		List<Order.StatusChange> history = this.jsonMapper.readValue(rs.getString("history"), HISTORY)
			.stream()
			.map(HistoryRow::change)
			.toList();
		return new Order(rs.getObject("id", UUID.class), rs.getString("customer_id"),
				OrderStatus.valueOf(rs.getString("status")), rs.getObject("total_cents", Long.class), "EUR",
				rs.getObject("reservation_id", UUID.class), rs.getObject("payment_id", UUID.class),
				rs.getString("fraud_decision"), failure, lines, history, rs.getTimestamp("created_at").toInstant());
	}

	/**
	 * A line of history as {@link #WHOLE} reads it: the time as PostgreSQL writes a
	 * {@code timestamptz} in JSON, with its offset.
	 */
	private record HistoryRow(OrderStatus status, String note, String at) {

		Order.StatusChange change() {
			return new Order.StatusChange(this.status, this.note, OffsetDateTime.parse(this.at).toInstant());
		}

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
