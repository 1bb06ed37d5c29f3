package dev.latencylab.fraud.rules;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;

import dev.latencylab.fraud.FraudServiceTest;
import dev.latencylab.kit.test.TestFlags;
import dev.latencylab.fraud.scoring.ScoreApi.Timed;
import dev.latencylab.kit.Scenario;

import static dev.latencylab.fraud.scoring.ScoreApi.again;
import static dev.latencylab.fraud.scoring.ScoreApi.billing;
import static dev.latencylab.fraud.scoring.ScoreApi.newCustomer;
import static dev.latencylab.fraud.scoring.ScoreApi.ordinaryOrder;
import static dev.latencylab.fraud.scoring.ScoreApi.scoreOk;
import static dev.latencylab.fraud.scoring.ScoreApi.timed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code fraud-lock-contention}: the rules refresh recomputes under the monitor every
 * scoring request needs; {@code fraud-lock-contention-fix}: copy-on-write.
 */
@FraudServiceTest
class LockContentionApiTests {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private static final Scenario SCENARIO = Scenario.FRAUD_LOCK_CONTENTION;

	@Autowired
	TestRestTemplate http;

	@Autowired
	TestFlags flags;

	@Autowired
	MeterRegistry meters;

	private final ExecutorService caller = Executors.newSingleThreadExecutor();

	@AfterEach
	void everyFlagOff() {
		this.caller.shutdownNow();
		this.flags.reset();
	}

	@Test
	void shouldBlockScoringOnTheRulesMonitorDuringTheRefreshAndNotOutsideIt() throws Exception {
		Map<String, Object> order = suspiciousOrder();
		Assessment before = scoreOk(this.http, order);
		this.flags.switchOn(SCENARIO.flag());
		awaitTheStartOfARefresh();

		Future<Timed<Assessment>> during = this.caller.submit(() -> timed(() -> scoreOk(this.http, again(order))));
		ThreadInfo blocked = await().atMost(Duration.ofSeconds(3))
			.pollInterval(Duration.ofMillis(20))
			.until(LockContentionApiTests::threadBlockedOnTheRulesMonitor, Optional::isPresent)
			.get();
		double blockedThreads = this.meters.get("jvm.threads.states").tag("state", "blocked").gauge().value();
		Timed<Assessment> slow = during.get(30, TimeUnit.SECONDS);
		awaitTheEndOfTheRefresh();
		Timed<Assessment> outside = timed(() -> scoreOk(this.http, again(order)));

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
		Assessment before = scoreOk(this.http, order);
		this.flags.switchOn(SCENARIO.flag(), SCENARIO.fixFlag());
		awaitTheStartOfARefresh();

		Timed<Assessment> during = timed(() -> scoreOk(this.http, again(order)));
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
		return Arrays.stream(THREADS.dumpAllThreads(false, false))
			.filter((thread) -> thread.getThreadState() == Thread.State.BLOCKED)
			.filter((thread) -> thread.getLockInfo() != null
					&& thread.getLockInfo().getClassName().equals(RulesCache.class.getName()))
			.findFirst();
	}

	private static void assertSameDecision(Assessment actual, Assessment expected) {
		assertThat(actual.decision()).isEqualTo(expected.decision());
		assertThat(actual.score()).isEqualTo(expected.score());
		assertThat(actual.reasons()).isEqualTo(expected.reasons());
	}

}
