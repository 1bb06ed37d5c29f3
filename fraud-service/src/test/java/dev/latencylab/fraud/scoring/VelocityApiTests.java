package dev.latencylab.fraud.scoring;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latencylab.fraud.rules.Assessment;
import dev.latencylab.fraud.rules.Decision;
import dev.latencylab.fraud.rules.Reason;
import dev.latencylab.kit.test.MutableClock;
import dev.latencylab.fraud.FraudServiceTest;

import static dev.latencylab.fraud.scoring.ScoreApi.newCustomer;
import static dev.latencylab.fraud.scoring.ScoreApi.ordinaryOrder;
import static dev.latencylab.fraud.scoring.ScoreApi.scoreOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@FraudServiceTest
class VelocityApiTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void shouldAdd40PointsToTheSixthOrderWithinTheHour() {
		String customer = newCustomer();
		for (int i = 0; i < 5; i++) {
			assertThat(scoreOk(this.http, ordinaryOrder(customer)).reasons()).isEmpty();
			this.clock.advance(Duration.ofMinutes(10));
		}

		Assessment sixth = scoreOk(this.http, ordinaryOrder(customer));

		assertThat(sixth.reasons()).extracting(Reason::rule, Reason::points).containsExactly(tuple("VELOCITY", 40));
		assertThat(sixth.score()).isEqualTo(40);
		assertThat(sixth.decision()).isEqualTo(Decision.ALLOW);
	}

	@Test
	void shouldNotCountOrdersOlderThanAnHour() {
		String customer = newCustomer();
		for (int i = 0; i < 5; i++) {
			scoreOk(this.http, ordinaryOrder(customer));
		}
		this.clock.advance(Duration.ofMinutes(61));

		Assessment sixth = scoreOk(this.http, ordinaryOrder(customer));

		assertThat(sixth.reasons()).isEmpty();
	}

	@Test
	void shouldCountOnlyTheHistoryRowsInsideTheWindow() {
		String customer = newCustomer();
		Instant now = this.clock.instant();
		insertHistory(customer, now.minus(Duration.ofHours(3)));
		insertHistory(customer, now.minus(Duration.ofMinutes(61)));
		insertHistory(customer, now.minus(Duration.ofMinutes(60)));
		for (int i = 1; i <= 4; i++) {
			insertHistory(customer, now.minus(Duration.ofMinutes(i * 10)));
		}

		Assessment withFourRecent = scoreOk(this.http, ordinaryOrder(customer));
		Assessment withFiveRecent = scoreOk(this.http, ordinaryOrder(customer));

		assertThat(withFourRecent.reasons()).isEmpty();
		assertThat(withFiveRecent.reasons()).extracting(Reason::rule).containsExactly("VELOCITY");
	}

	@Test
	void shouldNotCountOtherCustomersOrders() {
		String busy = newCustomer();
		for (int i = 0; i < 5; i++) {
			scoreOk(this.http, ordinaryOrder(busy));
		}

		Assessment other = scoreOk(this.http, ordinaryOrder(newCustomer()));

		assertThat(other.reasons()).isEmpty();
	}

	private void insertHistory(String customerId, Instant createdAt) {
		this.jdbc.sql("""
				INSERT INTO order_history (order_id, customer_id, amount_cents, created_at)
				VALUES (:orderId, :customerId, 1000, :createdAt)
				""")
			.param("orderId", UUID.randomUUID())
			.param("customerId", customerId)
			.param("createdAt", createdAt.atOffset(ZoneOffset.UTC))
			.update();
	}

}
