package dev.latencylab.inventory;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latencylab.kit.test.ServiceClient;

/**
 * Talks to the service under test over real HTTP and reads its tables, for assertions
 * about what a request did or did not write. A bean of every
 * {@link InventoryIntegrationTest} context.
 */
public final class Api extends ServiceClient {

	private final JdbcClient jdbc;

	public Api(Environment environment, JdbcClient jdbc) {
		super(environment);
		this.jdbc = jdbc;
	}

	/** Reserves one line for a new order. */
	public HttpResponse<String> reserve(String sku, int quantity) {
		return reserve(UUID.randomUUID(), line(sku, quantity));
	}

	/** Reserves the given JSON lines for an order. */
	public HttpResponse<String> reserve(UUID orderId, String... lines) {
		return post("/api/reservations",
				"{\"orderId\": \"%s\", \"lines\": [%s]}".formatted(orderId, String.join(", ", lines)));
	}

	public static String line(String sku, int quantity) {
		return "{\"sku\": \"%s\", \"quantity\": %d}".formatted(sku, quantity);
	}

	public UUID reservationId(HttpResponse<String> response) {
		return UUID.fromString(json(response).get("reservationId").asString());
	}

	public void setStock(String sku, int stock) {
		this.jdbc.sql("UPDATE product SET stock = :stock WHERE sku = :sku")
			.param("sku", sku)
			.param("stock", stock)
			.update();
	}

	public int stock(String sku) {
		return this.jdbc.sql("SELECT stock FROM product WHERE sku = :sku")
			.param("sku", sku)
			.query(Integer.class)
			.single();
	}

	public long price(String sku) {
		return this.jdbc.sql("SELECT price_cents FROM product WHERE sku = :sku")
			.param("sku", sku)
			.query(Long.class)
			.single();
	}

	public int reservationCount() {
		return this.jdbc.sql("SELECT count(*) FROM reservation").query(Integer.class).single();
	}

	public int reservationLineCount() {
		return this.jdbc.sql("SELECT count(*) FROM reservation_line").query(Integer.class).single();
	}

	public String status(UUID reservationId) {
		return this.jdbc.sql("SELECT status FROM reservation WHERE id = :id")
			.param("id", reservationId)
			.query(String.class)
			.single();
	}

	/**
	 * Forgets every reservation, without touching stock: each test sets the stock it
	 * needs.
	 */
	public void deleteReservations() {
		this.jdbc.sql("DELETE FROM reservation_line").update();
		this.jdbc.sql("DELETE FROM reservation").update();
	}

}
