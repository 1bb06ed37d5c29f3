package dev.latencylab.fraud.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latencylab.fraud.FraudServiceTest;
import dev.latencylab.fraud.rules.Assessment;
import dev.latencylab.fraud.rules.Decision;

import static dev.latencylab.fraud.scoring.ScoreApi.assessmentRows;
import static dev.latencylab.fraud.scoring.ScoreApi.historyRows;
import static dev.latencylab.fraud.scoring.ScoreApi.newCustomer;
import static dev.latencylab.fraud.scoring.ScoreApi.ordinaryOrder;
import static dev.latencylab.fraud.scoring.ScoreApi.scoreOk;
import static org.assertj.core.api.Assertions.assertThat;

@FraudServiceTest
class IdempotencyApiTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcClient jdbc;

	@Test
	void shouldAnswerTheStoredAssessmentWhenTheSameOrderIsScoredAgain() {
		Map<String, Object> order = ordinaryOrder(newCustomer());
		order.put("email", "shopper@mailinator.com");
		Assessment first = scoreOk(this.http, order);
		// a repeat that would score differently proves the stored answer is returned
		order.put("email", "jane.doe@example.com");

		Assessment again = scoreOk(this.http, order);

		assertThat(again).isEqualTo(first);
		assertThat(again.decision()).isEqualTo(Decision.REVIEW);
		UUID orderId = first.orderId();
		assertThat(historyRows(this.jdbc, orderId)).isEqualTo(1);
		assertThat(assessmentRows(this.jdbc, orderId)).isEqualTo(1);
	}

	@Test
	void shouldCountARepeatedOrderOnceForVelocity() {
		String customer = newCustomer();
		Map<String, Object> order = ordinaryOrder(customer);
		for (int i = 0; i < 6; i++) {
			scoreOk(this.http, order);
		}

		Assessment next = scoreOk(this.http, ordinaryOrder(customer));

		assertThat(next.reasons()).isEmpty();
		long customerRows = this.jdbc.sql("SELECT count(*) FROM order_history WHERE customer_id = :customer")
			.param("customer", customer)
			.query(Long.class)
			.single();
		assertThat(customerRows).isEqualTo(2);
	}

	@Test
	void shouldStoreAnOrderOnceWhenDuplicatesArriveConcurrently() throws Exception {
		Map<String, Object> order = ordinaryOrder(newCustomer());
		order.put("amountCents", 150_000);
		int callers = 8;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(callers);
		List<Future<ResponseEntity<Assessment>>> calls = new ArrayList<>();
		try {
			for (int i = 0; i < callers; i++) {
				calls.add(pool.submit(() -> {
					start.await();
					return ScoreApi.score(this.http, order);
				}));
			}
			start.countDown();

			List<ResponseEntity<Assessment>> responses = new ArrayList<>();
			for (Future<ResponseEntity<Assessment>> call : calls) {
				responses.add(call.get(30, TimeUnit.SECONDS));
			}

			assertThat(responses)
				.allSatisfy((response) -> assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK));
			assertThat(responses).extracting(ResponseEntity::getBody).containsOnly(responses.get(0).getBody());
			UUID orderId = UUID.fromString((String) order.get("orderId"));
			assertThat(historyRows(this.jdbc, orderId)).isEqualTo(1);
			assertThat(assessmentRows(this.jdbc, orderId)).isEqualTo(1);
			long reasons = this.jdbc.sql("SELECT count(*) FROM assessment_reason WHERE order_id = :id")
				.param("id", orderId)
				.query(Long.class)
				.single();
			assertThat(reasons).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

}
