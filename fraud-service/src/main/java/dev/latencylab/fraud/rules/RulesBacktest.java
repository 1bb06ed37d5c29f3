package dev.latencylab.fraud.rules;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import dev.latencylab.fraud.history.CustomerHistory;

/**
 * Replays a fixed corpus of orders through the configured rules and counts their
 * decisions: the check a rules refresh runs before new rules go live. Deterministic (a
 * fixed seed) and CPU-bound. It replays as much of the corpus as fits in its time budget,
 * as such checks do, so that a refresh takes about the same time on any machine and under
 * any load.
 */
final class RulesBacktest {

	private static final long SEED = 0x5EED_F4A0DL;

	private static final String[] DOMAINS = { "example.com", "gmail.com", "web.de", "gmx.de", "outlook.com",
			"example.org", "posteo.de", "yahoo.fr", "mailinator.com", "eu.yopmail.com" };

	private static final String[] COUNTRIES = { "DE", "FR", "NL", "GB" };

	private static final Address SHIPPING = new Address("Unter den Linden 1", "Berlin", "10117", "DE");

	private final FraudScorer scorer;

	private final Duration velocityWindow;

	private final int orders;

	private final Duration budget;

	/**
	 * @param rules the rules to replay the corpus through
	 * @param thresholds the decision thresholds
	 * @param velocityWindow the velocity window the histories are for
	 * @param orders the size of the corpus
	 * @param budget how long a run may take: it stops replaying when it is spent
	 */
	RulesBacktest(List<ScoringRule> rules, DecisionThresholds thresholds, Duration velocityWindow, int orders,
			Duration budget) {
		if (orders < 0) {
			throw new IllegalArgumentException("orders must not be negative, got " + orders);
		}
		this.scorer = new FraudScorer(ScoringRules.fixed(rules), thresholds);
		this.velocityWindow = velocityWindow;
		this.orders = orders;
		this.budget = budget;
	}

	/**
	 * Scores the orders of the corpus, in order, until all are scored or the budget is
	 * spent.
	 * @return how many orders were scored and how many of them each decision got
	 */
	Result run() {
		SplittableRandom random = new SplittableRandom(SEED);
		long[] decisions = new long[Decision.values().length];
		long deadline = System.nanoTime() + this.budget.toNanos();
		int replayed = 0;
		for (int i = 0; i < this.orders; i++) {
			if ((i & 1023) == 0 && System.nanoTime() - deadline >= 0) {
				break;
			}
			replayed++;
			Order order = sample(random);
			int recentOrders = (random.nextInt(10) == 0) ? 5 + random.nextInt(5) : random.nextInt(3);
			CustomerHistory history = new CustomerHistory(order.customerId(), this.velocityWindow, recentOrders);
			decisions[this.scorer.score(order, history).decision().ordinal()]++;
		}
		return new Result(replayed, decisions[Decision.ALLOW.ordinal()], decisions[Decision.REVIEW.ordinal()],
				decisions[Decision.DENY.ordinal()]);
	}

	private static Order sample(SplittableRandom random) {
		String customer = "replay-" + random.nextInt(100_000);
		String digits = (random.nextInt(8) == 0) ? Integer.toString(random.nextInt(1_000_000, 100_000_000)) : "";
		String email = customer + digits + "@" + DOMAINS[random.nextInt(DOMAINS.length)];
		Address billing = (random.nextInt(6) == 0) ? new Address(SHIPPING.line1(), SHIPPING.city(),
				Integer.toString(random.nextInt(10_000, 99_999)), COUNTRIES[random.nextInt(COUNTRIES.length)])
				: SHIPPING;
		long amountCents = (random.nextInt(20) == 0) ? random.nextLong(100_000, 1_000_000)
				: random.nextLong(100, 50_000);
		return new Order(new UUID(random.nextLong(), random.nextLong()), customer, email, amountCents, SHIPPING,
				billing);
	}

	/**
	 * What a backtest found.
	 *
	 * @param orders the orders replayed
	 * @param allowed how many were allowed
	 * @param reviewed how many went to review
	 * @param denied how many were denied
	 */
	record Result(long orders, long allowed, long reviewed, long denied) {
	}

}
