package dev.latencylab.fraud.scoring;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latencylab.fraud.FraudServiceTest;
import dev.latencylab.fraud.rules.Assessment;
import dev.latencylab.fraud.rules.Decision;
import dev.latencylab.fraud.rules.Reason;

import static dev.latencylab.fraud.scoring.ScoreApi.SCORES;
import static dev.latencylab.fraud.scoring.ScoreApi.billing;
import static dev.latencylab.fraud.scoring.ScoreApi.newCustomer;
import static dev.latencylab.fraud.scoring.ScoreApi.ordinaryOrder;
import static dev.latencylab.fraud.scoring.ScoreApi.scoreOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@FraudServiceTest
class ScoreApiTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcClient jdbc;

	@Test
	void shouldKeepItsTablesInItsOwnSchema() {
		String schema = this.jdbc.sql("SELECT current_schema()").query(String.class).single();

		assertThat(schema).isEqualTo("fraud");
	}

	@Test
	void shouldAllowAnOrdinaryOrder() {
		Map<String, Object> order = ordinaryOrder(newCustomer());

		ResponseEntity<Assessment> response = ScoreApi.score(this.http, order);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		Assessment assessment = response.getBody();
		assertThat(assessment.orderId()).isEqualTo(UUID.fromString((String) order.get("orderId")));
		assertThat(assessment.customerId()).isEqualTo(order.get("customerId"));
		assertThat(assessment.decision()).isEqualTo(Decision.ALLOW);
		assertThat(assessment.score()).isZero();
		assertThat(assessment.reasons()).isEmpty();
	}

	@Test
	void shouldReviewAVeryHighAmount() {
		Map<String, Object> order = ordinaryOrder(newCustomer());
		order.put("amountCents", 500_000);

		Assessment assessment = scoreOk(this.http, order);

		assertThat(assessment.decision()).isEqualTo(Decision.REVIEW);
		assertThat(assessment.score()).isEqualTo(60);
		assertThat(assessment.reasons()).extracting(Reason::rule, Reason::points)
			.containsExactly(tuple("HIGH_AMOUNT", 60));
	}

	@Test
	void shouldDenyADisposableEmailWithAForeignBillingAddress() {
		Map<String, Object> order = ordinaryOrder(newCustomer());
		order.put("email", "shopper@mailinator.com");
		billing(order).put("country", "NL");

		Assessment assessment = scoreOk(this.http, order);

		assertThat(assessment.decision()).isEqualTo(Decision.DENY);
		assertThat(assessment.score()).isEqualTo(85);
		assertThat(assessment.reasons()).extracting(Reason::rule, Reason::points)
			.containsExactly(tuple("ADDRESS_MISMATCH", 35), tuple("EMAIL_PATTERN", 50));
		assertThat(assessment.reasons()).allSatisfy((reason) -> assertThat(reason.detail()).isNotBlank());
	}

	@Test
	void shouldAnswerTheStoredAssessmentOnGet() {
		Map<String, Object> order = ordinaryOrder(newCustomer());
		order.put("email", "user123456@example.com");
		billing(order).put("postalCode", "10115");
		Assessment scored = scoreOk(this.http, order);

		ResponseEntity<Assessment> response = this.http.getForEntity(SCORES + "/{id}", Assessment.class,
				scored.orderId());

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).isEqualTo(scored);
		assertThat(scored.score()).isEqualTo(30);
		assertThat(scored.decision()).isEqualTo(Decision.ALLOW);
	}

	@Test
	void shouldAnswer404UnknownAssessmentForAnOrderNeverScored() {
		ResponseEntity<Map> response = this.http.getForEntity(SCORES + "/{id}", Map.class, UUID.randomUUID());

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody()).containsEntry("type", "https://latency-lab.dev/problems/unknown-assessment")
			.containsEntry("status", 404);
	}

	@Test
	void shouldAnswer400ForAnOrderIdThatIsNoUuidOnGet() {
		ResponseEntity<Map> response = this.http.getForEntity(SCORES + "/not-a-uuid", Map.class);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

}
