package dev.latencylab.fraud.scoring;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latencylab.fraud.FraudServiceTest;

import static dev.latencylab.fraud.scoring.ScoreApi.SCORES;
import static dev.latencylab.fraud.scoring.ScoreApi.billing;
import static dev.latencylab.fraud.scoring.ScoreApi.newCustomer;
import static dev.latencylab.fraud.scoring.ScoreApi.ordinaryOrder;
import static org.assertj.core.api.Assertions.assertThat;

@FraudServiceTest
class InvalidScoreRequestApiTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcClient jdbc;

	private List<Long> rowsBefore;

	@BeforeEach
	void countRows() {
		this.rowsBefore = rows();
	}

	static Stream<Arguments> invalidFields() {
		return Stream.of(invalid("orderId", (body) -> body.remove("orderId")),
				invalid("customerId", (body) -> body.remove("customerId")),
				invalid("customerId", (body) -> body.put("customerId", "")),
				invalid("customerId", (body) -> body.put("customerId", "x".repeat(65))),
				invalid("customerId", (body) -> body.put("customerId", "jane doe")),
				invalid("email", (body) -> body.remove("email")),
				invalid("email", (body) -> body.put("email", "not-an-email")),
				invalid("amountCents", (body) -> body.remove("amountCents")),
				invalid("amountCents", (body) -> body.put("amountCents", 0)),
				invalid("amountCents", (body) -> body.put("amountCents", 10_000_001)),
				invalid("shippingAddress", (body) -> body.remove("shippingAddress")),
				invalid("billingAddress", (body) -> body.remove("billingAddress")),
				invalid("billingAddress.country", (body) -> billing(body).put("country", "de")),
				invalid("billingAddress.country", (body) -> billing(body).put("country", "DEU")),
				invalid("billingAddress.country", (body) -> billing(body).remove("country")),
				invalid("billingAddress.postalCode", (body) -> billing(body).put("postalCode", "")),
				invalid("billingAddress.postalCode", (body) -> billing(body).put("postalCode", "1".repeat(17))),
				invalid("billingAddress.line1", (body) -> billing(body).put("line1", " ")),
				invalid("billingAddress.line1", (body) -> billing(body).put("line1", "x".repeat(201))),
				invalid("billingAddress.city", (body) -> billing(body).put("city", "x".repeat(201))));
	}

	private static Arguments invalid(String field, Consumer<Map<String, Object>> change) {
		return Arguments.of(field, change);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidFields")
	void shouldRejectAnInvalidFieldWithInvalidRequestAndWriteNothing(String field,
			Consumer<Map<String, Object>> change) {
		Map<String, Object> body = ordinaryOrder(newCustomer());
		change.accept(body);

		ResponseEntity<Map> response = this.http.postForEntity(SCORES, body, Map.class);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody()).containsEntry("type", "https://latency-lab.dev/problems/invalid-request");
		assertThat((List<Map<String, Object>>) response.getBody().get("errors"))
			.anySatisfy((error) -> assertThat(error).containsEntry("field", field));
		assertThat(rows()).isEqualTo(this.rowsBefore);
	}

	@Test
	void shouldRejectAnOrderIdThatIsNoUuidAsMalformedAndWriteNothing() {
		Map<String, Object> body = ordinaryOrder(newCustomer());
		body.put("orderId", "order-1");

		ResponseEntity<Map> response = this.http.postForEntity(SCORES, body, Map.class);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getBody()).containsEntry("type", "https://latency-lab.dev/problems/malformed-body");
		assertThat(rows()).isEqualTo(this.rowsBefore);
	}

	@Test
	void shouldRefuseAnAmountSentAsTextAndWriteNothing() {
		Map<String, Object> body = ordinaryOrder(newCustomer());
		body.put("amountCents", "4999");

		ResponseEntity<Map> response = this.http.postForEntity(SCORES, body, Map.class);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getBody()).containsEntry("type", "https://latency-lab.dev/problems/malformed-body");
		assertThat((List<Map<String, Object>>) response.getBody().get("errors"))
			.anySatisfy((error) -> assertThat(error).containsEntry("field", "amountCents"));
		assertThat(rows()).isEqualTo(this.rowsBefore);
	}

	@Test
	void shouldRejectMalformedJsonAndWriteNothing() {
		ResponseEntity<Map> response = this.http.postForEntity(SCORES, json("{\"orderId\": "), Map.class);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody()).containsEntry("type", "https://latency-lab.dev/problems/malformed-body");
		assertThat(rows()).isEqualTo(this.rowsBefore);
	}

	@Test
	void shouldRejectABodyOverTheSizeLimitAndWriteNothing() {
		Map<String, Object> body = ordinaryOrder(newCustomer());
		billing(body).put("line1", "x".repeat(70_000));

		ResponseEntity<Map> response = this.http.postForEntity(SCORES, body, Map.class);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
		assertThat(response.getBody()).containsEntry("type", "https://latency-lab.dev/problems/body-too-large");
		assertThat(rows()).isEqualTo(this.rowsBefore);
	}

	private static HttpEntity<String> json(String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return new HttpEntity<>(body, headers);
	}

	private List<Long> rows() {
		return Stream.of("order_history", "assessment", "assessment_reason")
			.map((table) -> this.jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single())
			.toList();
	}

}
