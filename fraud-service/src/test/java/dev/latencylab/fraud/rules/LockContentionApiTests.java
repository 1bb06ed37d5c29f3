package dev.latencylab.fraud.rules;

import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;

import dev.latencylab.fraud.FraudServiceTest;
import dev.latencylab.fraud.JvmThreads;
import dev.latencylab.fraud.scoring.ScenarioUnderTest;
import dev.latencylab.fraud.scoring.ScoreApi.Timed;
import dev.latencylab.kit.Scenario;

import static dev.latencylab.fraud.scoring.ScoreApi.again;
import static dev.latencylab.fraud.scoring.ScoreApi.billing;
import static dev.latencylab.fraud.scoring.ScoreApi.newCustomer;
import static dev.latencylab.fraud.scoring.ScoreApi.ordinaryOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code fraud-lock-contention}: the rules refresh recomputes under the monitor every
 * scoring request needs; {@code fraud-lock-contention-fix}: copy-on-write.
 */
@FraudServiceTest
class LockContentionApiTests {

	@RegisterExtension
	final ScenarioUnderTest scenario = new ScenarioUnderTest(Scenario.FRAUD_LOCK_CONTENTION);

	@Autowired
	MeterRegistry meters;

	@Test
	void shouldBlockScoringOnTheRulesMonitorDuringTheRefreshAndNotOutsideIt() throws Exception {
		Map<String, Object> order = suspiciousOrder();
		Assessment before = this.scenario.score(order);
		this.scenario.faultOn();
		awaitTheStartOfARefresh();

		Future<Timed<Assessment>> during = this.scenario.timedScoreInBackground(again(order));
		ThreadInfo blocked = await().atMost(Duration.ofSeconds(3))
			.pollInterval(Duration.ofMillis(20))
			.until(LockContentionApiTests::threadBlockedOnTheRulesMonitor, Optional::isPresent)
			.get();
		double blockedThreads = this.meters.get("jvm.threads.states").tag("state", "blocked").gauge().value();
		Timed<Assessment> slow = during.get(30, TimeUnit.SECONDS);
		awaitTheEndOfTheRefresh();
		Timed<Assessment> outside = this.scenario.timedScore(again(order));

		assertThat(blocked.getLockOwnerName()).as("the monitor's owner").startsWith("scheduling");
		assertThat(blockedThreads).as("jvm.threads.states{state=blocked}").isGreaterThanOrEqualTo(1);
		assertThat(slow.took()).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
		assertThat(outside.took()).isLessThan(Duration.ofSeconds(1));
		assertSameDecision(slow.value(), before);
		assertSameDecision(outside.value(), before);
	}

	@Test
	void shouldKeepScoringFastDuringTheRefreshWithTheFix() {
		Map<String, Object> order = suspiciousOrder();
		Assessment before = this.scenario.score(order);
		this.scenario.fixOn();
		awaitTheStartOfARefresh();

		Timed<Assessment> during = this.scenario.timedScore(again(order));
		boolean stillRefreshing = refreshesRunning() > 0;

		assertThat(stillRefreshing).as("the request ran during a refresh").isTrue();
		assertThat(threadBlockedOnTheRulesMonitor()).isEmpty();
		assertThat(during.took()).isLessThan(Duration.ofSeconds(1));
		assertSameDecision(during.value(), before);
	}

	// a disposable address billed abroad: DENY with two reasons
	private static Map<String, Object> suspiciousOrder() {
		Map<String, Object> order = ordinaryOrder(newCustomer());
		order.put("email", "shopper@mailinator.com");
		billing(order).put("country", "NL");
		return order;
	}

	private void awaitTheStartOfARefresh() {
		// a refresh still running from before does not count: its start was missed
		await().atMost(Duration.ofSeconds(30)).until(() -> refreshesRunning() == 0);
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(10)).until(() -> refreshesRunning() > 0);
	}

	private void awaitTheEndOfTheRefresh() {
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> refreshesRunning() == 0);
	}

	private int refreshesRunning() {
		return this.meters.get(RulesCache.REFRESH).longTaskTimer().activeTasks();
	}

	private static Optional<ThreadInfo> threadBlockedOnTheRulesMonitor() {
		return JvmThreads.find(Thread.State.BLOCKED, (thread) -> thread.getLockInfo() != null
				&& thread.getLockInfo().getClassName().equals(RulesCache.class.getName()));
	}

	private static void assertSameDecision(Assessment actual, Assessment expected) {
		assertThat(actual.decision()).isEqualTo(expected.decision());
		assertThat(actual.score()).isEqualTo(expected.score());
		assertThat(actual.reasons()).isEqualTo(expected.reasons());
	}

}
