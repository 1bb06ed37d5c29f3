package dev.latencylab.checkout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.latencylab.kit.test.BodyFuzzer;
import dev.latencylab.kit.test.RealPostgres;
import dev.latencylab.kit.test.ServiceClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * checkout-service on a real PostgreSQL with inventory, fraud and payment all down: what
 * it refuses before calling anyone, and how it fails when it must call them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealPostgres
@Import(ServiceClient.Configuration.class)
class CheckoutWithoutDependenciesTests {

	@Autowired
	ServiceClient service;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void downstreamsAreDown(DynamicPropertyRegistry registry) {
		String down = "http://127.0.0.1:" + closedPort();
		registry.add("checkout.downstream.inventory.base-url", () -> down);
		registry.add("checkout.downstream.fraud.base-url", () -> down);
		registry.add("checkout.downstream.payment.base-url", () -> down);
	}

	@BeforeEach
	void noOrders() {
		this.jdbc.sql("DELETE FROM customer_order").update();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			quantity zero           | SKU-00001 | 0       | 4111111111111111 | DE
			quantity over 100       | SKU-00001 | 101     | 4111111111111111 | DE
			negative quantity       | SKU-00001 | -1      | 4111111111111111 | DE
			card number with letters| SKU-00001 | 1       | 4111abcd11111111 | DE
			lower-case country      | SKU-00001 | 1       | 4111111111111111 | de
			SKU with spaces         | SKU 00001 | 1       | 4111111111111111 | DE
			card failing Luhn check | SKU-00001 | 1       | 4111111111111112 | DE
			""")
	void shouldRejectInvalidCheckoutsBeforeWritingAnything(String name, String sku, int quantity, String card,
			String country) throws Exception {
		HttpResponse<String> response = checkout("key-" + name.replace(' ', '-'), body(sku, quantity, card, country));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(response.body()).contains("invalid-request");
		assertThat(orderCount()).isZero();
	}

	@Test
	void shouldNameTheInvalidFieldByItsPath() throws Exception {
		HttpResponse<String> response = checkout("bad-quantity", body("SKU-00001", 0, "4111111111111111", "DE"));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"field\":\"lines[0].quantity\"");
	}

	/**
	 * The mistakes Jackson would otherwise coerce into other values: a boolean customer,
	 * a card number as a JSON number (which loses digits past 2^53), a quoted quantity.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					customer a boolean      | "customerId": "alice"          | "customerId": true                | customerId
					card number a number    | "number": "4111111111111111"   | "number": 4111111111111111        | card.number
					quantity quoted         | "quantity": 1                  | "quantity": "1"                   | lines[0].quantity
					quantity fractional     | "quantity": 1                  | "quantity": 1.5                   | lines[0].quantity
					""")
	void shouldRefuseAValueOfTheWrongTypeAndNameItsField(String name, String valid, String wrong, String field)
			throws Exception {
		String body = body("SKU-00001", 1, "4111111111111111", "DE");
		assertThat(body).contains(valid);

		HttpResponse<String> response = checkout("key-" + name.replace(' ', '-'), body.replace(valid, wrong));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(response.body()).contains("malformed-body", "\"field\":\"" + field + "\"");
		assertThat(orderCount()).isZero();
	}

	/**
	 * Ten thousand broken checkouts made from a valid one, each with its own key: all
	 * refused with a 4xx before anything is written (a valid one would be written, and
	 * answered 503, with every downstream down).
	 */
	@Test
	void shouldRefuseTenThousandBrokenCheckoutsWithoutWritingAnything() {
		AtomicInteger keys = new AtomicInteger();

		BodyFuzzer.Report report = new BodyFuzzer(body("SKU-00001", 1, "4111111111111111", "DE"), 64 * 1024).send(
				this.service, "/api/checkout",
				(request) -> request.header("Idempotency-Key", "fuzz-" + keys.incrementAndGet()), 10_000, 20261205L);

		System.out.println("checkout " + report.summary());
		assertThat(report.wrong()).as("answers other than 4xx").isEmpty();
		assertThat(orderCount()).isZero();
		assertThat(this.jdbc.sql("SELECT count(*) FROM order_status_history").query(Integer.class).single()).isZero();
		assertThat(BodyFuzzer.health(this.service)).isEqualTo(200);
	}

	@Test
	void shouldRejectAnExpiredCardBeforeReservingAnything() throws Exception {
		HttpResponse<String> response = checkout("expired-card",
				body("SKU-00001", 1, "4111111111111111", "DE").replace("12/39", "01/20"));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("card.expiry");
		assertThat(orderCount()).isZero();
	}

	@Test
	void shouldRejectARepeatedSkuAsInvalid() throws Exception {
		String body = body("SKU-00001", 1, "4111111111111111", "DE").replace("\"lines\": [",
				"\"lines\": [{\"sku\": \"SKU-00001\", \"quantity\": 2}, ");

		HttpResponse<String> response = checkout("repeated-sku", body);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("SKU-00001");
		assertThat(orderCount()).isZero();
	}

	@Test
	void shouldRequireAnIdempotencyKey() throws Exception {
		HttpResponse<String> response = checkout(null, body("SKU-00001", 1, "4111111111111111", "DE"));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("Idempotency-Key");
		assertThat(orderCount()).isZero();
	}

	@Test
	void shouldFailCleanlyAndRememberTheAnswerWhenInventoryIsDown() throws Exception {
		String body = body("SKU-00001", 1, "4111111111111111", "DE");

		HttpResponse<String> first = checkout("inventory-down", body);
		HttpResponse<String> replay = checkout("inventory-down", body);
		HttpResponse<String> otherRequest = checkout("inventory-down", body("SKU-00002", 1, "4111111111111111", "DE"));

		assertThat(first.statusCode()).isEqualTo(503);
		assertThat(first.body()).contains("dependency-unavailable").contains("inventory-service");
		assertThat(replay.statusCode()).isEqualTo(503);
		assertThat(replay.body()).contains("dependency-unavailable").contains("\"service\":\"inventory-service\"");
		assertThat(otherRequest.statusCode()).isEqualTo(422);
		assertThat(otherRequest.body()).contains("idempotency-key-reused");
		assertThat(orderCount()).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT status FROM customer_order").query(String.class).single()).isEqualTo("FAILED");
	}

	@Test
	void shouldAnswerProblemDetailsForAnUnknownOrder() throws Exception {
		HttpResponse<String> response = this.service.get("/api/orders/2f0c8a9e-5d2b-4c1e-9a41-0c8f0e0b7a11");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("unknown-order");
	}

	private int orderCount() {
		return this.jdbc.sql("SELECT count(*) FROM customer_order").query(Integer.class).single();
	}

	private HttpResponse<String> checkout(String key, String body) {
		return (key != null) ? this.service.post("/api/checkout", body, "Idempotency-Key", key)
				: this.service.post("/api/checkout", body);
	}

	private static String body(String sku, int quantity, String card, String country) {
		return """
				{"customerId": "alice", "email": "alice@example.com",
				 "lines": [{"sku": "%s", "quantity": %d}],
				 "card": {"number": "%s", "expiry": "12/39"},
				 "shippingAddress": {"line1": "1 Main St", "city": "Berlin", "postalCode": "10115", "country": "%s"},
				 "billingAddress": {"line1": "1 Main St", "city": "Berlin", "postalCode": "10115", "country": "%s"}}
				""".formatted(sku, quantity, card, country, country);
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
