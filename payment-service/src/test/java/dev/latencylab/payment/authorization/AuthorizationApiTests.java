package dev.latencylab.payment.authorization;

import java.net.http.HttpResponse;
import java.util.List;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import dev.latencylab.kit.test.MutableClock;
import dev.latencylab.payment.Api;
import dev.latencylab.payment.PaymentIntegrationTest;

import static dev.latencylab.payment.Api.APPROVED_CARD;
import static dev.latencylab.payment.Api.authorizationBody;
import static org.assertj.core.api.Assertions.assertThat;

@PaymentIntegrationTest
class AuthorizationApiTests {

	@Autowired
	Api api;

	@Autowired
	MutableClock clock;

	@Test
	void shouldAuthorizeTheAmountAndRecordItInTheLedger() {
		UUID orderId = UUID.randomUUID();

		HttpResponse<String> response = this.api.authorize("key-1", authorizationBody(orderId, 4999, APPROVED_CARD));

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		JsonNode payment = this.api.json(response);
		UUID paymentId = this.api.paymentId(response);
		assertThat(response.headers().firstValue("Location")).hasValue("/api/payments/" + paymentId);
		assertThat(payment.get("orderId").asString()).isEqualTo(orderId.toString());
		assertThat(payment.get("status").asString()).isEqualTo("AUTHORIZED");
		assertThat(payment.get("amountCents").asLong()).isEqualTo(4999);
		assertThat(payment.get("currency").asString()).isEqualTo("EUR");
		assertThat(payment.get("cardLast4").asString()).isEqualTo("1111");
		assertThat(payment.propertyNames()).containsExactly("paymentId", "orderId", "status", "amountCents", "currency",
				"cardLast4");
		JsonNode ledger = this.api.json(this.api.get("/api/ledger?orderId=" + orderId));
		assertThat(ledger).hasSize(1);
		assertThat(ledger.get(0).get("type").asString()).isEqualTo("AUTHORIZATION");
		assertThat(ledger.get(0).get("paymentId").asString()).isEqualTo(paymentId.toString());
		assertThat(ledger.get(0).get("amountCents").asLong()).isEqualTo(4999);
	}

	@Test
	void shouldApproveAnyOtherValidCard() {
		HttpResponse<String> response = this.api.authorize("key-1",
				authorizationBody(UUID.randomUUID(), 100, "5555555555554444"));

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(this.api.json(response).get("cardLast4").asString()).isEqualTo("4444");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "4000000000000002, card_declined", "4000000000009995, insufficient_funds" })
	void shouldRecordADeclinedPaymentWithoutMovingMoney(String card, String declineCode) {
		UUID orderId = UUID.randomUUID();

		HttpResponse<String> response = this.api.authorize("key-1", authorizationBody(orderId, 2500, card));

		assertThat(response.statusCode()).isEqualTo(402);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.api.json(response);
		assertThat(this.api.problemSlug(response)).isEqualTo("card-declined");
		assertThat(problem.get("status").asInt()).isEqualTo(402);
		assertThat(problem.get("title").asString()).isEqualTo("Card declined");
		assertThat(problem.get("instance").asString()).isEqualTo("/api/payments/authorizations");
		assertThat(problem.get("declineCode").asString()).isEqualTo(declineCode);
		UUID paymentId = this.api.paymentId(response);
		JsonNode payment = this.api.json(this.api.get("/api/payments/" + paymentId));
		assertThat(payment.get("status").asString()).isEqualTo("DECLINED");
		assertThat(payment.get("orderId").asString()).isEqualTo(orderId.toString());
		assertThat(this.api.ledgerEntryCount()).isZero();
	}

	@Test
	void shouldAnswerANetworkErrorWithoutRecordingAnything() {
		HttpResponse<String> response = this.api.authorize("key-1",
				authorizationBody(UUID.randomUUID(), 2500, "4000000000000119"));

		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.api.problemSlug(response)).isEqualTo("card-network-error");
		assertThat(this.api.paymentCount()).isZero();
		assertThat(this.api.ledgerEntryCount()).isZero();
		assertThat(this.api.idempotentRequestCount()).isZero();
	}

	@Test
	void shouldAskTheNetworkAgainWhenAKeyIsRetriedAfterANetworkError() {
		String body = authorizationBody(UUID.randomUUID(), 2500, "4000000000000119");
		HttpResponse<String> first = this.api.authorize("key-1", body);

		HttpResponse<String> retry = this.api.authorize("key-1", body);

		assertThat(first.statusCode()).isEqualTo(502);
		assertThat(retry.statusCode()).isEqualTo(502);
		assertThat(this.api.idempotentRequestCount()).isZero();
	}

	@Test
	void shouldAnswerTheSameAuthorizationWhenTheSameKeyIsSentTwice() {
		String body = authorizationBody(UUID.randomUUID(), 4999, APPROVED_CARD);
		HttpResponse<String> first = this.api.authorize("key-1", body);

		HttpResponse<String> replay = this.api.authorize("key-1", body);

		assertThat(replay.statusCode()).isEqualTo(201);
		assertThat(replay.body()).isEqualTo(first.body());
		assertThat(replay.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
		assertThat(this.api.paymentCount()).isEqualTo(1);
		assertThat(this.api.ledgerEntryCount()).isEqualTo(1);
	}

	@Test
	void shouldAnswerTheSameDeclineWhenTheSameKeyIsSentTwice() {
		String body = authorizationBody(UUID.randomUUID(), 4999, "4000000000009995");
		HttpResponse<String> first = this.api.authorize("key-1", body);

		HttpResponse<String> replay = this.api.authorize("key-1", body);

		assertThat(replay.statusCode()).isEqualTo(402);
		assertThat(replay.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(replay.body()).isEqualTo(first.body());
		assertThat(this.api.paymentCount()).isEqualTo(1);
		assertThat(this.api.ledgerEntryCount()).isZero();
	}

	@Test
	void shouldRefuseAKeyReusedForAnotherRequest() {
		UUID orderId = UUID.randomUUID();
		this.api.authorize("key-1", authorizationBody(orderId, 4999, APPROVED_CARD));

		HttpResponse<String> reused = this.api.authorize("key-1", authorizationBody(orderId, 5000, APPROVED_CARD));

		assertThat(reused.statusCode()).isEqualTo(422);
		assertThat(reused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.api.problemSlug(reused)).isEqualTo("idempotency-key-reused");
		assertThat(this.api.paymentCount()).isEqualTo(1);
		assertThat(this.api.ledgerEntryCount()).isEqualTo(1);
	}

	@Test
	void shouldAuthorizeOnceWhenTheSameKeyArrivesConcurrently() throws Exception {
		String body = authorizationBody(UUID.randomUUID(), 4999, APPROVED_CARD);
		int callers = 8;
		CountDownLatch start = new CountDownLatch(1);
		Callable<HttpResponse<String>> call = () -> {
			start.await();
			return this.api.authorize("same-key", body);
		};
		ExecutorService executor = Executors.newFixedThreadPool(callers);
		try {
			List<Future<HttpResponse<String>>> futures = IntStream.range(0, callers)
				.mapToObj((i) -> executor.submit(call))
				.toList();
			start.countDown();

			List<HttpResponse<String>> responses = futures.stream().map(AuthorizationApiTests::get).toList();

			assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(201);
			assertThat(responses).extracting(HttpResponse::body).containsOnly(responses.get(0).body());
			assertThat(this.api.paymentCount()).isEqualTo(1);
			assertThat(this.api.ledgerEntryCount()).isEqualTo(1);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void shouldListThePaymentsOfAnOrder() {
		UUID orderId = UUID.randomUUID();
		HttpResponse<String> declined = this.api.authorize("key-1",
				authorizationBody(orderId, 4999, "4000000000000002"));
		HttpResponse<String> approved = this.api.authorize("key-2", authorizationBody(orderId, 4999, APPROVED_CARD));
		this.api.authorize(UUID.randomUUID().toString(), authorizationBody(UUID.randomUUID(), 4999, APPROVED_CARD));

		JsonNode payments = this.api.json(this.api.get("/api/payments?orderId=" + orderId));

		assertThat(payments).hasSize(2);
		assertThat(payments).extracting((payment) -> payment.get("paymentId").asString())
			.containsExactlyInAnyOrder(this.api.paymentId(declined).toString(),
					this.api.paymentId(approved).toString());
		assertThat(this.api.json(this.api.get("/api/payments?orderId=" + UUID.randomUUID()))).isEmpty();
	}

	@Test
	void shouldAnswerUnknownPaymentForAnIdNobodyAuthorized() {
		HttpResponse<String> response = this.api.get("/api/payments/" + UUID.randomUUID());

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(this.api.problemSlug(response)).isEqualTo("unknown-payment");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					amount 0              | {"orderId": "%s", "amountCents": 0, "currency": "EUR", "card": {"number": "4111111111111111", "expiry": "12/30"}}        | invalid-request | amountCents
					negative amount       | {"orderId": "%s", "amountCents": -5, "currency": "EUR", "card": {"number": "4111111111111111", "expiry": "12/30"}}       | invalid-request | amountCents
					amount over limit     | {"orderId": "%s", "amountCents": 10000001, "currency": "EUR", "card": {"number": "4111111111111111", "expiry": "12/30"}} | invalid-request | amountCents
					missing amount        | {"orderId": "%s", "currency": "EUR", "card": {"number": "4111111111111111", "expiry": "12/30"}}                          | invalid-request | amountCents
					wrong currency        | {"orderId": "%s", "amountCents": 100, "currency": "USD", "card": {"number": "4111111111111111", "expiry": "12/30"}}      | invalid-request | currency
					lower-case currency   | {"orderId": "%s", "amountCents": 100, "currency": "eur", "card": {"number": "4111111111111111", "expiry": "12/30"}}      | invalid-request | currency
					missing order id      | {"amountCents": 100, "currency": "EUR", "card": {"number": "4111111111111111", "expiry": "12/30"}}                       | invalid-request | orderId
					missing card          | {"orderId": "%s", "amountCents": 100, "currency": "EUR"}                                                                 | invalid-request | card
					card fails Luhn       | {"orderId": "%s", "amountCents": 100, "currency": "EUR", "card": {"number": "4111111111111112", "expiry": "12/30"}}      | invalid-request | card.number
					card too short        | {"orderId": "%s", "amountCents": 100, "currency": "EUR", "card": {"number": "42424242424", "expiry": "12/30"}}           | invalid-request | card.number
					card too long         | {"orderId": "%s", "amountCents": 100, "currency": "EUR", "card": {"number": "42424242424242424242", "expiry": "12/30"}}  | invalid-request | card.number
					card with spaces      | {"orderId": "%s", "amountCents": 100, "currency": "EUR", "card": {"number": "4111 1111 1111 1111", "expiry": "12/30"}}   | invalid-request | card.number
					expired card          | {"orderId": "%s", "amountCents": 100, "currency": "EUR", "card": {"number": "4111111111111111", "expiry": "02/26"}}      | invalid-request | card.expiry
					expiry month 13       | {"orderId": "%s", "amountCents": 100, "currency": "EUR", "card": {"number": "4111111111111111", "expiry": "13/30"}}      | invalid-request | card.expiry
					expiry not MM/YY      | {"orderId": "%s", "amountCents": 100, "currency": "EUR", "card": {"number": "4111111111111111", "expiry": "12/2030"}}    | invalid-request | card.expiry
					missing expiry        | {"orderId": "%s", "amountCents": 100, "currency": "EUR", "card": {"number": "4111111111111111"}}                         | invalid-request | card.expiry
					order id not a UUID   | {"orderId": "order-1", "amountCents": 100, "currency": "EUR", "card": {"number": "4111111111111111", "expiry": "12/30"}} | malformed-body  |
					amount not a number   | {"orderId": "%s", "amountCents": "ten", "currency": "EUR", "card": {"number": "4111111111111111", "expiry": "12/30"}}    | malformed-body  |
					amount quoted         | {"orderId": "%s", "amountCents": "100", "currency": "EUR", "card": {"number": "4111111111111111", "expiry": "12/30"}}    | malformed-body  | amountCents
					amount fractional     | {"orderId": "%s", "amountCents": 100.5, "currency": "EUR", "card": {"number": "4111111111111111", "expiry": "12/30"}}    | malformed-body  | amountCents
					card number a number  | {"orderId": "%s", "amountCents": 100, "currency": "EUR", "card": {"number": 4111111111111111, "expiry": "12/30"}}        | malformed-body  | card.number
					currency a boolean    | {"orderId": "%s", "amountCents": 100, "currency": true, "card": {"number": "4111111111111111", "expiry": "12/30"}}       | malformed-body  | currency
					malformed JSON        | {"orderId": "%s", "amountCents": 100, "currency": "EUR", "card": {"number": "4111111111111111"                           | malformed-body  |
					""")
	void shouldRejectAnInvalidAuthorizationWithoutWritingAnything(String name, String template, String slug,
			String field) {
		HttpResponse<String> response = this.api.authorize("key-1", template.formatted(UUID.randomUUID()));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.api.problemSlug(response)).isEqualTo(slug);
		if (field != null) {
			assertThat(this.api.json(response).get("errors")).extracting((error) -> error.get("field").asString())
				.contains(field);
		}
		assertNothingWritten();
	}

	@Test
	void shouldAcceptACardThatExpiresThisMonth() {
		HttpResponse<String> response = this.api.authorize("key-1",
				"""
						{"orderId": "%s", "amountCents": 100, "currency": "EUR", "card": {"number": "4111111111111111", "expiry": "%s"}}"""
					.formatted(UUID.randomUUID(),
							YearMonth.now(this.clock).format(DateTimeFormatter.ofPattern("MM/yy"))));

		assertThat(response.statusCode()).isEqualTo(201);
	}

	@Test
	void shouldRejectAnAuthorizationWithoutAKey() {
		HttpResponse<String> response = this.api.post("/api/payments/authorizations",
				authorizationBody(UUID.randomUUID(), 100, APPROVED_CARD));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.api.json(response).get("detail").asString()).contains("Idempotency-Key");
		assertNothingWritten();
	}

	@Test
	void shouldRejectAKeyLongerThanOneHundredCharacters() {
		HttpResponse<String> response = this.api.authorize("k".repeat(101),
				authorizationBody(UUID.randomUUID(), 100, APPROVED_CARD));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(this.api.problemSlug(response)).isEqualTo("invalid-request");
		assertThat(this.api.json(response).get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
		assertNothingWritten();
	}

	@Test
	void shouldAcceptAKeyOfOneHundredCharacters() {
		HttpResponse<String> response = this.api.authorize("k".repeat(100),
				authorizationBody(UUID.randomUUID(), 100, APPROVED_CARD));

		assertThat(response.statusCode()).isEqualTo(201);
	}

	@Test
	void shouldRejectABodyOverTheLimit() {
		String body = authorizationBody(UUID.randomUUID(), 100, APPROVED_CARD).replace("\"currency\"",
				"\"padding\": \"" + "x".repeat(70_000) + "\", \"currency\"");

		HttpResponse<String> response = this.api.authorize("key-1", body);

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(this.api.problemSlug(response)).isEqualTo("body-too-large");
		assertNothingWritten();
	}

	private void assertNothingWritten() {
		assertThat(this.api.paymentCount()).isZero();
		assertThat(this.api.ledgerEntryCount()).isZero();
		assertThat(this.api.idempotentRequestCount()).isZero();
	}

	private static HttpResponse<String> get(Future<HttpResponse<String>> future) {
		try {
			return future.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
