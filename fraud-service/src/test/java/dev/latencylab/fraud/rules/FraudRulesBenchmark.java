package dev.latencylab.fraud.rules;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.latencylab.fraud.history.CustomerHistory;

/**
 * One order scored by the contract's rule table (docs/contracts.md): what fraud-service
 * spends on the rules themselves, without HTTP, the database or the rules' cache. Three
 * orders: an ordinary customer, a customer with the long email address with a plus tag
 * that the load sends every 40th order, and a fraudster (disposable mail, foreign billing
 * address, a few orders in the last hour).
 *
 * <pre>
 * ./mvnw -pl fraud-service test-compile exec:exec@jmh -Djmh.args="-f 1 FraudRules"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FraudRulesBenchmark {

	private static final Address BERLIN = new Address("1 Main St", "Berlin", "10115", "DE");

	@Param({ "ordinary", "long-email", "fraudster" })
	String order;

	private final FraudScorer scorer = new FraudScorer(
			ScoringRules.fixed(List.of(new HighAmountRule(100_000, 30, 500_000, 60), new VelocityRule(5, 40),
					new AddressMismatchRule(35, 10), new EmailPatternRule(List.of("mailinator.com"), 50, 6, 20))),
			new DecisionThresholds(50, 80));

	private Order scored;

	private CustomerHistory history;

	@Setup
	public void order() {
		this.scored = switch (this.order) {
			case "ordinary" -> new Order(UUID.randomUUID(), "load-17", "load-17@example.com", 12_900, BERLIN, BERLIN);
			case "long-email" -> new Order(UUID.randomUUID(), "load-18",
					"christopher.maximilian.worthington3+shop@example.com", 12_900, BERLIN, BERLIN);
			case "fraudster" -> new Order(UUID.randomUUID(), "fraudster-3", "fraudster-3@mailinator.com", 12_900,
					BERLIN, new Address("5 Canal St", "Amsterdam", "1012 AB", "NL"));
			default -> throw new IllegalArgumentException("no order " + this.order);
		};
		this.history = new CustomerHistory(this.scored.customerId(), Duration.ofHours(1),
				"fraudster".equals(this.order) ? 3 : 0);
	}

	/**
	 * @return the assessment
	 */
	@Benchmark
	public Assessment score() {
		return this.scorer.score(this.scored, this.history);
	}

}
