package dev.latencylab.fraud.scoring;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latencylab.fraud.rules.Assessment;

/**
 * Calls and request bodies for the HTTP tests.
 */
public final class ScoreApi {

	public static final String SCORES = "/api/fraud/scores";

	private ScoreApi() {
	}

	public static String newCustomer() {
		return "cust-" + UUID.randomUUID();
	}

	/** An order that scores 0: modest amount, ordinary email, one address. */
	public static Map<String, Object> ordinaryOrder(String customerId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("orderId", UUID.randomUUID().toString());
		body.put("customerId", customerId);
		body.put("email", "jane.doe@example.com");
		body.put("amountCents", 4_999);
		body.put("shippingAddress", berlin());
		body.put("billingAddress", berlin());
		return body;
	}

	public static Map<String, Object> berlin() {
		Map<String, Object> address = new LinkedHashMap<>();
		address.put("line1", "Unter den Linden 1");
		address.put("city", "Berlin");
		address.put("postalCode", "10117");
		address.put("country", "DE");
		return address;
	}

	@SuppressWarnings("unchecked")
	public static Map<String, Object> billing(Map<String, Object> body) {
		return (Map<String, Object>) body.get("billingAddress");
	}

	public static ResponseEntity<Assessment> score(TestRestTemplate http, Map<String, Object> body) {
		return http.postForEntity(SCORES, body, Assessment.class);
	}

	public static Assessment scoreOk(TestRestTemplate http, Map<String, Object> body) {
		ResponseEntity<Assessment> response = score(http, body);
		if (!response.getStatusCode().is2xxSuccessful()) {
			throw new AssertionError("Scoring answered " + response.getStatusCode());
		}
		return response.getBody();
	}

	/**
	 * The same order again under new order and customer ids: scored afresh, no velocity.
	 */
	public static Map<String, Object> again(Map<String, Object> order) {
		Map<String, Object> body = new LinkedHashMap<>(order);
		body.put("orderId", UUID.randomUUID().toString());
		body.put("customerId", newCustomer());
		return body;
	}

	public static <T> Timed<T> timed(Supplier<T> call) {
		long started = System.nanoTime();
		T value = call.get();
		return new Timed<>(value, Duration.ofNanos(System.nanoTime() - started));
	}

	public static long historyRows(JdbcClient jdbc, UUID orderId) {
		return jdbc.sql("SELECT count(*) FROM order_history WHERE order_id = :id")
			.param("id", orderId)
			.query(Long.class)
			.single();
	}

	public static long assessmentRows(JdbcClient jdbc, UUID orderId) {
		return jdbc.sql("SELECT count(*) FROM assessment WHERE order_id = :id")
			.param("id", orderId)
			.query(Long.class)
			.single();
	}

	/**
	 * What a call answered and how long it took.
	 *
	 * @param <T> the answer's type
	 * @param value the answer
	 * @param took the wall time of the call
	 */
	public record Timed<T>(T value, Duration took) {
	}

}
