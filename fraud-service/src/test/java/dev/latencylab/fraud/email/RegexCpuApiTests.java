package dev.latencylab.fraud.email;

import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.latencylab.fraud.FraudServiceTest;
import dev.latencylab.fraud.JvmThreads;
import dev.latencylab.fraud.rules.Assessment;
import dev.latencylab.fraud.rules.Decision;
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
 * {@code fraud-regex-cpu}: an email pattern that backtracks catastrophically on an
 * address of the trigger shape; {@code fraud-regex-cpu-fix}: the linear-time pattern.
 */
@FraudServiceTest
class RegexCpuApiTests {

	// the trigger shape: a long local part with a '+tag' (and a disposable domain,
	// digits)
	private static final String TRIGGER = "jonathan.alexander.fitzgerald.montgomery.smith1234567+shop@mailinator.com";

	@RegisterExtension
	final ScenarioUnderTest scenario = new ScenarioUnderTest(Scenario.FRAUD_REGEX_CPU);

	@Test
	void shouldBurnCpuInJavaUtilRegexOnAnAddressOfTheTriggerShape() throws Exception {
		Map<String, Object> order = triggerOrder();
		Assessment before = this.scenario.score(order);
		this.scenario.faultOn();

		Future<Timed<Assessment>> during = this.scenario.timedScoreInBackground(again(order));
		ThreadInfo matching = await().atMost(Duration.ofSeconds(3))
			.pollInterval(Duration.ofMillis(20))
			.until(RegexCpuApiTests::threadMatchingTheEmailPattern, Optional::isPresent)
			.get();
		long cpuBefore = JvmThreads.cpuTime(matching);
		Thread.sleep(1_000);
		long cpuAfter = JvmThreads.cpuTime(matching);
		Optional<ThreadInfo> stillMatching = threadMatchingTheEmailPattern();
		Timed<Assessment> slow = during.get(30, TimeUnit.SECONDS);

		assertThat(matching.getThreadState()).isEqualTo(Thread.State.RUNNABLE);
		assertThat(stillMatching).map(ThreadInfo::getThreadId).hasValue(matching.getThreadId());
		assertThat(Duration.ofNanos(cpuAfter - cpuBefore)).as("CPU time in 1 s of wall time")
			.isGreaterThan(Duration.ofMillis(300));
		assertThat(slow.took()).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
		assertSameDecision(slow.value(), before);
	}

	@Test
	void shouldKeepAnOrdinaryAddressFastWithTheFaultOn() {
		Map<String, Object> order = ordinaryOrder(newCustomer());
		this.scenario.faultOn();

		Timed<Assessment> ordinary = this.scenario.timedScore(order);

		assertThat(ordinary.took()).isLessThan(Duration.ofSeconds(1));
		assertThat(ordinary.value().decision()).isEqualTo(Decision.ALLOW);
	}

	@Test
	void shouldAnswerTheTriggerAddressQuicklyAndAlikeWithTheFix() {
		Map<String, Object> order = triggerOrder();
		Assessment before = this.scenario.score(order);
		this.scenario.fixOn();

		Timed<Assessment> fixed = this.scenario.timedScore(again(order));

		assertThat(fixed.took()).isLessThan(Duration.ofSeconds(1));
		assertSameDecision(fixed.value(), before);
	}

	// DENY: disposable domain and a digit run (70), billed abroad (35)
	private static Map<String, Object> triggerOrder() {
		Map<String, Object> order = ordinaryOrder(newCustomer());
		order.put("email", TRIGGER);
		billing(order).put("country", "NL");
		return order;
	}

	private static Optional<ThreadInfo> threadMatchingTheEmailPattern() {
		return JvmThreads.find(Thread.State.RUNNABLE,
				(thread) -> inStack(thread, "java.util.regex.") && inStack(thread, PatternEmailParser.class.getName()));
	}

	private static boolean inStack(ThreadInfo thread, String classNamePrefix) {
		return Arrays.stream(thread.getStackTrace())
			.anyMatch((frame) -> frame.getClassName().startsWith(classNamePrefix));
	}

	private static void assertSameDecision(Assessment actual, Assessment expected) {
		assertThat(actual.decision()).isEqualTo(Decision.DENY);
		assertThat(actual.decision()).isEqualTo(expected.decision());
		assertThat(actual.score()).isEqualTo(expected.score());
		assertThat(actual.reasons()).isEqualTo(expected.reasons());
	}

}
