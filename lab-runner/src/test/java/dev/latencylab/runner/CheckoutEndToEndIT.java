package dev.latencylab.runner;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import dev.latencylab.kit.test.BodyFuzzer;
import dev.latencylab.runner.audit.Audit;
import dev.latencylab.runner.audit.Finding;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole lab, as a user runs it: PostgreSQL, the four services and the gateway as
 * separate processes on free ports (with Zipkin, Prometheus and Alertmanager beside
 * them), driven through the gateway only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedLab.class)
@Order(3)
class CheckoutEndToEndIT {

	private static final String APPROVED_CARD = "4111111111111111";

	private static final String DECLINED_CARD = "4000000000000002";

	private LocalLab lab;

	private LabClient client;

	@BeforeAll
	void startLab(LocalLab lab) {
		this.lab = lab;
		this.client = new LabClient(this.lab);
	}

	@Test
	void shouldConfirmAValidCheckoutWithACapturedPaymentAndLessStock() {
		int stockBefore = this.client.stock("SKU-00010");

		LabClient.Response response = this.client.checkout(key(),
				checkout("alice", "alice@example.com", "SKU-00010", 2, APPROVED_CARD, "DE", "DE"));

		assertThat(response.status()).isEqualTo(201);
		assertThat(response.text("status")).isEqualTo("CONFIRMED");
		assertThat(response.requestId()).isNotBlank();
		String orderId = response.text("orderId");
		assertThat(this.client.stock("SKU-00010")).isEqualTo(stockBefore - 2);
		JsonNode payments = this.client.get("/api/payments?orderId=" + orderId).body();
		assertThat(payments).hasSize(1);
		assertThat(payments.get(0).get("status").asString()).isEqualTo("CAPTURED");
		assertThat(payments.get(0).get("amountCents").asLong()).isEqualTo(response.body().get("totalCents").asLong());
		LabClient.Response reservation = this.client.get("/api/reservations/" + response.text("reservationId"));
		assertThat(reservation.text("status")).isEqualTo("CONFIRMED");
		LabClient.Response order = this.client.get("/api/orders/" + orderId);
		assertThat(order.body().get("history").findValuesAsString("status")).containsExactly("PENDING", "RESERVED",
				"SCORED", "AUTHORIZED", "CONFIRMED");
	}

	@Test
	void shouldRefuseAnOutOfStockCheckoutWithoutReservingOrCharging() {
		this.client.setStock("SKU-00020", 1);

		LabClient.Response response = this.client.checkout(key(),
				checkout("bob", "bob@example.com", "SKU-00020", 2, APPROVED_CARD, "FR", "FR"));

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.isProblem()).isTrue();
		assertThat(response.problemType()).isEqualTo("out-of-stock");
		String orderId = response.text("orderId");
		assertThat(this.client.stock("SKU-00020")).isEqualTo(1);
		assertThat(this.client.get("/api/payments?orderId=" + orderId).body()).isEmpty();
		assertThat(this.client.get("/api/orders/" + orderId).text("status")).isEqualTo("FAILED");
		assertThat(
				this.client.queryInt("SELECT count(*) FROM inventory.reservation WHERE order_id = '" + orderId + "'"))
			.isZero();
	}

	@Test
	void shouldReleaseTheReservationWhenTheCardIsDeclined() {
		int stockBefore = this.client.stock("SKU-00040");

		LabClient.Response response = this.client.checkout(key(),
				checkout("carol", "carol@example.com", "SKU-00040", 3, DECLINED_CARD, "NL", "NL"));

		assertThat(response.status()).isEqualTo(402);
		assertThat(response.problemType()).isEqualTo("card-declined");
		assertThatReservationWasReleased(response.text("orderId"));
		assertThat(this.client.stock("SKU-00040")).isEqualTo(stockBefore);
		assertThat(this.client.get("/api/ledger?orderId=" + response.text("orderId")).body()).isEmpty();
	}

	@Test
	void shouldReleaseTheReservationWhenFraudDeniesTheOrder() {
		int stockBefore = this.client.stock("SKU-00050");

		// a disposable email with a billing country other than the shipping one is always
		// DENY
		LabClient.Response response = this.client.checkout(key(),
				checkout("mallory", "mallory@mailinator.com", "SKU-00050", 1, APPROVED_CARD, "DE", "US"));

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.problemType()).isEqualTo("order-denied");
		assertThatReservationWasReleased(response.text("orderId"));
		assertThat(this.client.stock("SKU-00050")).isEqualTo(stockBefore);
		assertThat(this.client.get("/api/payments?orderId=" + response.text("orderId")).body()).isEmpty();
	}

	@Test
	void shouldAnswerTheSameOrderAndCaptureOnceWhenTheSameKeyIsSentTwice() {
		String key = key();
		String body = checkout("dave", "dave@example.com", "SKU-00060", 1, APPROVED_CARD, "BE", "BE");

		LabClient.Response first = this.client.checkout(key, body);
		LabClient.Response second = this.client.checkout(key, body);

		assertThat(first.status()).isEqualTo(201);
		assertThat(second.status()).isEqualTo(200);
		assertThat(second.text("orderId")).isEqualTo(first.text("orderId"));
		JsonNode ledger = this.client.get("/api/ledger?orderId=" + first.text("orderId")).body();
		assertThat(ledger.findValuesAsString("type").stream().filter("CAPTURE"::equals)).hasSize(1);
		assertThat(this.client.queryInt("SELECT count(*) FROM checkout.customer_order WHERE customer_id = 'dave'"))
			.isEqualTo(1);
	}

	@Test
	void shouldConfirmExactlyTheStockWhen200CheckoutsRaceForFiftyUnits() throws Exception {
		String sku = "SKU-00070";
		this.client.setStock(sku, 50);
		int capturedBefore = this.client.queryInt("SELECT count(*) FROM payment.payment WHERE status = 'CAPTURED'");
		ExecutorService pool = Executors.newFixedThreadPool(50);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<LabClient.Response>> results = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			String customer = "racer-" + i;
			results.add(pool.submit(() -> {
				start.await();
				// the burst is above what the lab serves: the gateway may shed some, and
				// a
				// client retries them as its Retry-After says
				return this.client.checkoutRetryingWhenShed(key(),
						checkout(customer, customer + "@example.com", sku, 1, APPROVED_CARD, "AT", "AT"));
			}));
		}

		start.countDown();
		List<Integer> statuses = new ArrayList<>();
		// any answer but "ordered" or "out of stock", with its problem, for the failure's
		// message
		List<String> others = new ArrayList<>();
		for (Future<LabClient.Response> result : results) {
			LabClient.Response response = result.get();
			statuses.add(response.status());
			if (response.status() != 201 && response.status() != 409) {
				others.add(response.status() + " " + response.body() + " (request " + response.requestId() + ")");
			}
		}
		pool.shutdown();

		assertThat(others).as("answers other than 201 and 409").isEmpty();
		assertThat(statuses.stream().filter((s) -> s == 201)).hasSize(50);
		assertThat(statuses.stream().filter((s) -> s == 409)).hasSize(150);
		assertThat(this.client.stock(sku)).isZero();
		int confirmed = this.client.queryInt("SELECT count(*) FROM checkout.customer_order "
				+ "WHERE status = 'CONFIRMED' AND customer_id LIKE 'racer-%'");
		int captured = this.client.queryInt("SELECT count(*) FROM payment.payment WHERE status = 'CAPTURED'")
				- capturedBefore;
		assertThat(confirmed).isEqualTo(50);
		assertThat(captured).isEqualTo(confirmed);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badRequests")
	void shouldRejectBadInputWithProblemDetailsAndWriteNothing(String name, String key, String body, int status) {
		Map<String, Integer> before = this.client.footprint();

		LabClient.Response response = this.client.checkout(key, body);

		assertThat(response.status()).isEqualTo(status);
		assertThat(response.isProblem()).as("problem+json content type").isTrue();
		assertThat(response.text("title")).isNotBlank();
		assertThat(response.text("detail")).isNotBlank();
		assertThat(this.client.footprint()).isEqualTo(before);
	}

	Stream<Arguments> badRequests() {
		String valid = checkout("erin", "erin@example.com", "SKU-00080", 1, APPROVED_CARD, "DE", "DE");
		return Stream.of(Arguments.of("malformed JSON", key(), "{\"customerId\": \"erin\", \"lines\": [", 400),
				Arguments.of("unknown SKU", key(),
						checkout("erin", "erin@example.com", "SKU-99999", 1, APPROVED_CARD, "DE", "DE"), 422),
				Arguments.of("quantity zero", key(),
						checkout("erin", "erin@example.com", "SKU-00080", 0, APPROVED_CARD, "DE", "DE"), 400),
				Arguments.of("negative quantity", key(),
						checkout("erin", "erin@example.com", "SKU-00080", -3, APPROVED_CARD, "DE", "DE"), 400),
				Arguments.of("absurd quantity", key(),
						checkout("erin", "erin@example.com", "SKU-00080", 1_000_000, APPROVED_CARD, "DE", "DE"), 400),
				Arguments.of("missing idempotency key", null, valid, 400), Arguments.of("oversized body", key(),
						valid.replace("\"DE\"}}", "\"DE\", \"padding\": \"" + "x".repeat(200_000) + "\"}}"), 413));
	}

	/**
	 * The audit finds the lab's data adding up after real checkouts of every outcome, and
	 * names the product whose stock was changed behind the services' back, and the hold
	 * on a card for an order that failed.
	 */
	@Test
	void shouldAuditCleanAndNameStockChangedBehindTheServicesBack() throws Exception {
		this.client.checkout(key(), checkout("gina", "gina@example.com", "SKU-00092", 1, APPROVED_CARD, "DE", "DE"));
		LabClient.Response declined = this.client.checkout(key(),
				checkout("gina", "gina@example.com", "SKU-00092", 1, DECLINED_CARD, "DE", "DE"));
		assertThat(Audit.run(this.lab.jdbcUrl(), "postgres", "postgres")).as("the audit after real checkouts")
			.allSatisfy((finding) -> assertThat(finding.examples()).as(finding.invariant().name()).isEmpty());

		this.client.update("UPDATE inventory.product SET stock = stock + 5 WHERE sku = 'SKU-00093'");
		List<Finding> findings;
		try {
			findings = Audit.run(this.lab.jdbcUrl(), "postgres", "postgres");
		}
		finally {
			this.client.update("UPDATE inventory.product SET stock = stock - 5 WHERE sku = 'SKU-00093'");
		}

		findings.stream()
			.filter((finding) -> !finding.holds())
			.forEach(
					(finding) -> System.out.println("audit: " + finding.invariant().name() + " " + finding.examples()));
		assertThat(findings).filteredOn((finding) -> !finding.holds()).singleElement().satisfies((finding) -> {
			assertThat(finding.invariant().name()).isEqualTo("stock-balance");
			assertThat(finding.violations()).isEqualTo(1);
			assertThat(finding.examples()).singleElement().asString().startsWith("SKU-00093: received ");
		});
		assertThat(Audit.run(this.lab.jdbcUrl(), "postgres", "postgres")).allMatch(Finding::holds);

		// an authorization for the failed order that no one is to void: a hold on the
		// card
		LabClient.Response hold = this.client.post(LabService.PAYMENT, "/api/payments/authorizations", key(), """
				{"orderId": "%s", "amountCents": 1250, "currency": "EUR",
				 "card": {"number": "%s", "expiry": "12/39"}}""".formatted(declined.text("orderId"), APPROVED_CARD));
		assertThat(hold.status()).as("the authorization: %s", hold.body()).isEqualTo(201);
		try {
			assertThat(Audit.run(this.lab.jdbcUrl(), "postgres", "postgres")).filteredOn((finding) -> !finding.holds())
				.singleElement()
				.satisfies((finding) -> {
					assertThat(finding.invariant().name()).isEqualTo("no-hold-for-a-failed-order");
					assertThat(finding.examples()).singleElement()
						.asString()
						.startsWith("payment " + hold.text("paymentId") + " AUTHORIZED for order "
								+ declined.text("orderId"))
						.contains("nothing left to void it");
				});
		}
		finally {
			this.client.post(LabService.PAYMENT, "/api/payments/" + hold.text("paymentId") + "/void", null, "");
		}
		assertThat(Audit.run(this.lab.jdbcUrl(), "postgres", "postgres")).allMatch(Finding::holds);
	}

	/**
	 * Ten thousand broken checkouts through the gateway, made from one that is accepted:
	 * each is refused with a 4xx (by the gateway or by checkout-service behind it), no
	 * service writes a row, and every process is healthy afterwards.
	 */
	@Test
	void shouldRefuseTenThousandBrokenCheckoutsThroughTheGatewayAndWriteNothing() {
		Map<String, Integer> before = this.client.footprint();
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		String valid = checkout("fuzz", "fuzz@example.com", "SKU-00090", 1, APPROVED_CARD, "DE", "DE");

		BodyFuzzer.Report report = new BodyFuzzer(valid, 64 * 1024).send(http,
				URI.create(this.lab.url(LabService.GATEWAY) + "/api/checkout"),
				(request) -> request.header("Idempotency-Key", key()), 10_000, 20261205L);

		System.out.println("gateway " + report.summary());
		assertThat(report.wrong()).as("answers other than 4xx").isEmpty();
		assertThat(this.client.footprint()).as("rows of every service's tables, and the stock").isEqualTo(before);
		for (LabService service : LabService.values()) {
			assertThat(BodyFuzzer.health(http, this.lab.url(service))).as("%s's health afterwards", service)
				.isEqualTo(200);
		}
		assertThat(this.client
			.checkout(key(), checkout("fuzz", "fuzz@example.com", "SKU-00090", 1, APPROVED_CARD, "DE", "DE"))
			.status()).as("a valid checkout afterwards").isEqualTo(201);
	}

	private void assertThatReservationWasReleased(String orderId) {
		LabClient.Response order = this.client.get("/api/orders/" + orderId);
		assertThat(order.text("status")).isEqualTo("FAILED");
		String reservationId = order.text("reservationId");
		assertThat(reservationId).as("the order had reserved stock").isNotNull();
		assertThat(this.client.get("/api/reservations/" + reservationId).text("status")).isEqualTo("RELEASED");
	}

	private static String key() {
		return UUID.randomUUID().toString();
	}

	private static String checkout(String customer, String email, String sku, int quantity, String card,
			String shippingCountry, String billingCountry) {
		return """
				{"customerId": "%s", "email": "%s",
				 "lines": [{"sku": "%s", "quantity": %d}],
				 "card": {"number": "%s", "expiry": "12/39"},
				 "shippingAddress": {"line1": "1 Main Street", "city": "Springfield", "postalCode": "10115", "country": "%s"},
				 "billingAddress": {"line1": "1 Main Street", "city": "Springfield", "postalCode": "10115", "country": "%s"}}
				"""
			.formatted(customer, email, sku, quantity, card, shippingCountry, billingCountry);
	}

}
