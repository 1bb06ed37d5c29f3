package dev.latencylab.fraud.scoring;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import dev.latencylab.fraud.rules.Assessment;
import dev.latencylab.fraud.scoring.ScoreApi.Timed;
import dev.latencylab.kit.Scenario;
import dev.latencylab.kit.test.TestFlags;

import static dev.latencylab.fraud.scoring.ScoreApi.scoreOk;
import static dev.latencylab.fraud.scoring.ScoreApi.timed;

/**
 * One fault scenario of the service under test, for the tests of its fault and its fix:
 * switches the scenario's flags in the test's copy of the flags file ({@link TestFlags})
 * and scores orders over HTTP, timed, also in the background while the test watches the
 * service. After each test the background call is stopped and every flag is off again.
 * Registered on a field of a {@code @FraudServiceTest} class:
 *
 * <pre class="code">
 * &#064;RegisterExtension
 * final ScenarioUnderTest scenario = new ScenarioUnderTest(Scenario.FRAUD_REGEX_CPU);
 * </pre>
 */
public final class ScenarioUnderTest implements BeforeEachCallback, AfterEachCallback {

	private final Scenario scenario;

	private final ExecutorService caller = Executors.newSingleThreadExecutor();

	private TestRestTemplate http;

	private TestFlags flags;

	public ScenarioUnderTest(Scenario scenario) {
		this.scenario = scenario;
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		ApplicationContext application = SpringExtension.getApplicationContext(context);
		this.http = application.getBean(TestRestTemplate.class);
		this.flags = application.getBean(TestFlags.class);
	}

	/** Switches the fault on and waits until the service sees it. */
	public void faultOn() {
		this.flags.switchOn(this.scenario.flag());
	}

	/** Switches the fault and its fix on and waits until the service sees them. */
	public void fixOn() {
		this.flags.switchOn(this.scenario.flag(), this.scenario.fixFlag());
	}

	/** Scores an order, failing unless the answer is a 2xx. */
	public Assessment score(Map<String, Object> order) {
		return scoreOk(this.http, order);
	}

	/** Scores an order and measures how long it took. */
	public Timed<Assessment> timedScore(Map<String, Object> order) {
		return timed(() -> score(order));
	}

	/** Scores an order on a thread of its own and measures how long it took. */
	public Future<Timed<Assessment>> timedScoreInBackground(Map<String, Object> order) {
		return this.caller.submit(() -> timedScore(order));
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.caller.shutdownNow();
		if (this.flags != null) {
			this.flags.reset();
		}
	}

}
