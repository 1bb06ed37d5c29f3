package dev.latencylab.payment.authorization;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import dev.latencylab.kit.test.MutableClock;
import dev.latencylab.payment.Api;
import dev.latencylab.payment.PaymentIntegrationTest;

import static dev.latencylab.payment.Api.authorizationBody;
import static org.assertj.core.api.Assertions.assertThat;

@PaymentIntegrationTest
class CaptureAndVoidApiTests {

	@Autowired
	Api api;

	@Autowired
	MutableClock clock;

	@Test
	void shouldCaptureAnAuthorizedPaymentAndRecordBothMovements() {
		UUID orderId = UUID.randomUUID();
		UUID paymentId = this.api
			.paymentId(this.api.authorize("auth-1", authorizationBody(orderId, 4999, Api.APPROVED_CARD)));

		HttpResponse<String> captured = this.api.capture(paymentId, "capture-1");

		assertThat(captured.statusCode()).isEqualTo(200);
		assertThat(captured.headers().firstValue("Content-Type")).hasValue("application/json");
		JsonNode payment = this.api.json(captured);
		assertThat(payment.get("paymentId").asString()).isEqualTo(paymentId.toString());
		assertThat(payment.get("status").asString()).isEqualTo("CAPTURED");
		assertThat(payment.get("amountCents").asLong()).isEqualTo(4999);
		assertThat(this.api.json(this.api.get("/api/payments/" + paymentId))).isEqualTo(payment);
		JsonNode ledger = this.api.json(this.api.get("/api/ledger?orderId=" + orderId));
		assertThat(ledger).extracting((entry) -> entry.get("type").asString())
			.containsExactly("AUTHORIZATION", "CAPTURE");
		JsonNode capture = ledger.get(1);
		assertThat(capture.get("paymentId").asString()).isEqualTo(paymentId.toString());
		assertThat(capture.get("orderId").asString()).isEqualTo(orderId.toString());
		assertThat(capture.get("amountCents").asLong()).isEqualTo(4999);
		assertThat(capture.get("currency").asString()).isEqualTo("EUR");
		assertThat(Instant.parse(capture.get("createdAt").asString())).isEqualTo(this.clock.instant());
		assertThat(capture.propertyNames()).containsExactly("entryId", "paymentId", "orderId", "type", "amountCents",
				"currency", "createdAt");
	}

	@Test
	void shouldCaptureOnceWhenTheSameKeyIsSentTwice() {
		UUID paymentId = this.api.paymentId(this.api.authorize(4999));
		HttpResponse<String> first = this.api.capture(paymentId, "capture-1");

		HttpResponse<String> replay = this.api.capture(paymentId, "capture-1");

		assertThat(replay.statusCode()).isEqualTo(200);
		assertThat(replay.body()).isEqualTo(first.body());
		assertThat(this.api.captureEntries(paymentId)).isEqualTo(1);
	}

	@Test
	void shouldCaptureOnceWhenACapturedPaymentIsCapturedWithAnotherKey() {
		UUID paymentId = this.api.paymentId(this.api.authorize(4999));
		HttpResponse<String> first = this.api.capture(paymentId, "capture-1");

		HttpResponse<String> again = this.api.capture(paymentId, "capture-2");

		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(this.api.json(again)).isEqualTo(this.api.json(first));
		assertThat(this.api.captureEntries(paymentId)).isEqualTo(1);
	}

	@Test
	void shouldRefuseACaptureKeyReusedForAnotherPayment() {
		UUID paymentId = this.api.paymentId(this.api.authorize(4999));
		UUID otherPaymentId = this.api.paymentId(this.api.authorize(1000));
		this.api.capture(paymentId, "capture-1");

		HttpResponse<String> reused = this.api.capture(otherPaymentId, "capture-1");

		assertThat(reused.statusCode()).isEqualTo(422);
		assertThat(this.api.problemSlug(reused)).isEqualTo("idempotency-key-reused");
		assertThat(this.api.status(otherPaymentId)).isEqualTo("AUTHORIZED");
	}

	@Test
	void shouldRefuseAnAuthorizationKeyReusedForACapture() {
		HttpResponse<String> authorized = this.api.authorize("key-1",
				authorizationBody(UUID.randomUUID(), 4999, Api.APPROVED_CARD));
		UUID paymentId = this.api.paymentId(authorized);

		HttpResponse<String> reused = this.api.capture(paymentId, "key-1");

		assertThat(reused.statusCode()).isEqualTo(422);
		assertThat(this.api.status(paymentId)).isEqualTo("AUTHORIZED");
	}

	@Test
	void shouldRejectACaptureWithoutAKey() {
		UUID paymentId = this.api.paymentId(this.api.authorize(4999));

		HttpResponse<String> response = this.api.post("/api/payments/" + paymentId + "/capture");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.api.status(paymentId)).isEqualTo("AUTHORIZED");
		assertThat(this.api.ledgerEntryCount()).isEqualTo(1);
	}

	@Test
	void shouldVoidAnAuthorizedPaymentOnceAndAnswerTheSameAgain() {
		UUID orderId = UUID.randomUUID();
		UUID paymentId = this.api
			.paymentId(this.api.authorize("auth-1", authorizationBody(orderId, 4999, Api.APPROVED_CARD)));

		HttpResponse<String> voided = this.api.voidPayment(paymentId);
		HttpResponse<String> again = this.api.voidPayment(paymentId);

		assertThat(voided.statusCode()).isEqualTo(200);
		assertThat(this.api.json(voided).get("status").asString()).isEqualTo("VOIDED");
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(this.api.json(again)).isEqualTo(this.api.json(voided));
		JsonNode ledger = this.api.json(this.api.get("/api/ledger?orderId=" + orderId));
		assertThat(ledger).extracting((entry) -> entry.get("type").asString()).containsExactly("AUTHORIZATION", "VOID");
	}

	@Test
	void shouldRefuseToVoidACapturedPayment() {
		UUID paymentId = this.api.paymentId(this.api.authorize(4999));
		this.api.capture(paymentId, "capture-1");

		HttpResponse<String> response = this.api.voidPayment(paymentId);

		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.api.problemSlug(response)).isEqualTo("payment-already-captured");
		assertThat(this.api.status(paymentId)).isEqualTo("CAPTURED");
		assertThat(this.api.ledgerEntryCount()).isEqualTo(2);
	}

	@Test
	void shouldRefuseToCaptureAVoidedPayment() {
		UUID paymentId = this.api.paymentId(this.api.authorize(4999));
		this.api.voidPayment(paymentId);

		HttpResponse<String> response = this.api.capture(paymentId, "capture-1");

		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(this.api.problemSlug(response)).isEqualTo("payment-not-capturable");
		assertThat(this.api.json(response).get("status").asString()).isEqualTo("VOIDED");
		assertThat(this.api.status(paymentId)).isEqualTo("VOIDED");
		assertThat(this.api.ledgerEntryCount()).isEqualTo(2);
		assertThat(this.api.idempotentRequestCount()).isEqualTo(1);
	}

	@Test
	void shouldRefuseToCaptureOrVoidADeclinedPayment() {
		UUID paymentId = this.api
			.paymentId(this.api.authorize("auth-1", authorizationBody(UUID.randomUUID(), 4999, "4000000000000002")));

		HttpResponse<String> capture = this.api.capture(paymentId, "capture-1");
		HttpResponse<String> voided = this.api.voidPayment(paymentId);

		assertThat(capture.statusCode()).isEqualTo(409);
		assertThat(this.api.problemSlug(capture)).isEqualTo("payment-not-capturable");
		assertThat(voided.statusCode()).isEqualTo(409);
		assertThat(this.api.problemSlug(voided)).isEqualTo("payment-not-voidable");
		assertThat(this.api.status(paymentId)).isEqualTo("DECLINED");
		assertThat(this.api.ledgerEntryCount()).isZero();
	}

	@Test
	void shouldAnswerUnknownPaymentWhenCapturingOrVoidingAnIdNobodyAuthorized() {
		UUID nobody = UUID.randomUUID();

		HttpResponse<String> capture = this.api.capture(nobody, "capture-1");
		HttpResponse<String> voided = this.api.voidPayment(nobody);

		assertThat(capture.statusCode()).isEqualTo(404);
		assertThat(this.api.problemSlug(capture)).isEqualTo("unknown-payment");
		assertThat(voided.statusCode()).isEqualTo(404);
		assertThat(this.api.problemSlug(voided)).isEqualTo("unknown-payment");
		assertThat(this.api.idempotentRequestCount()).isZero();
	}

	@Test
	void shouldAnswerAnEmptyLedgerForAnOrderWithoutPayments() {
		HttpResponse<String> response = this.api.get("/api/ledger?orderId=" + UUID.randomUUID());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.api.json(response)).isEmpty();
	}

	@Test
	void shouldRejectALedgerQueryWithoutAnOrderId() {
		HttpResponse<String> missing = this.api.get("/api/ledger");
		HttpResponse<String> notAUuid = this.api.get("/api/ledger?orderId=order-1");

		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(notAUuid.statusCode()).isEqualTo(400);
	}

}
