package dev.latencylab.payment;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latencylab.kit.test.ServiceClient;

/**
 * Talks to the service under test over real HTTP and reads its tables, for assertions
 * about what a request did or did not write. A bean of every
 * {@link PaymentIntegrationTest} context.
 */
public final class Api extends ServiceClient {

	/** Approved by the simulated card network. */
	public static final String APPROVED_CARD = "4111111111111111";

	/** An expiry years ahead of the test clock. */
	public static final String EXPIRY = "12/49";

	private final JdbcClient jdbc;

	public Api(Environment environment, JdbcClient jdbc) {
		super(environment);
		this.jdbc = jdbc;
	}

	public static String authorizationBody(UUID orderId, long amountCents, String cardNumber) {
		return """
				{"orderId": "%s", "amountCents": %d, "currency": "EUR", "card": {"number": "%s", "expiry": "%s"}}"""
			.formatted(orderId, amountCents, cardNumber, EXPIRY);
	}

	/** Authorizes an amount on the approved card for a new order, with a new key. */
	public HttpResponse<String> authorize(long amountCents) {
		return authorize(UUID.randomUUID().toString(),
				authorizationBody(UUID.randomUUID(), amountCents, APPROVED_CARD));
	}

	public HttpResponse<String> authorize(String key, String body) {
		return post("/api/payments/authorizations", body, "Idempotency-Key", key);
	}

	public HttpResponse<String> capture(UUID paymentId, String key) {
		return send(HttpRequest.newBuilder(uri("/api/payments/" + paymentId + "/capture"))
			.header("Idempotency-Key", key)
			.POST(HttpRequest.BodyPublishers.noBody()));
	}

	public HttpResponse<String> voidPayment(UUID paymentId) {
		return post("/api/payments/" + paymentId + "/void");
	}

	public UUID paymentId(HttpResponse<String> response) {
		return UUID.fromString(json(response).get("paymentId").asString());
	}

	public int paymentCount() {
		return count("payment");
	}

	public int ledgerEntryCount() {
		return count("ledger_entry");
	}

	public int idempotentRequestCount() {
		return count("idempotent_request");
	}

	public int captureEntries(UUID paymentId) {
		return this.jdbc.sql("SELECT count(*) FROM ledger_entry WHERE payment_id = :id AND type = 'CAPTURE'")
			.param("id", paymentId)
			.query(Integer.class)
			.single();
	}

	public String status(UUID paymentId) {
		return this.jdbc.sql("SELECT status FROM payment WHERE id = :id")
			.param("id", paymentId)
			.query(String.class)
			.single();
	}

	public void deleteEverything() {
		this.jdbc.sql("DELETE FROM idempotent_request").update();
		this.jdbc.sql("DELETE FROM ledger_entry").update();
		this.jdbc.sql("DELETE FROM payment").update();
	}

	private int count(String table) {
		return this.jdbc.sql("SELECT count(*) FROM " + table).query(Integer.class).single();
	}

}
