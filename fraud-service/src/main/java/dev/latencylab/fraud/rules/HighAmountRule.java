package dev.latencylab.fraud.rules;

import java.util.Optional;

import dev.latencylab.fraud.history.CustomerHistory;

/**
 * {@code HIGH_AMOUNT}: large orders are where a stolen card pays off. Tiered: a very high
 * amount scores the higher points instead of, not on top of, the lower ones.
 */
public class HighAmountRule implements ScoringRule {

	static final String NAME = "HIGH_AMOUNT";

	private final long fromCents;

	private final int points;

	private final long veryHighFromCents;

	private final int veryHighPoints;

	public HighAmountRule(long fromCents, int points, long veryHighFromCents, int veryHighPoints) {
		if (veryHighFromCents < fromCents) {
			throw new IllegalArgumentException("veryHighFromCents must not be below fromCents");
		}
		this.fromCents = fromCents;
		this.points = points;
		this.veryHighFromCents = veryHighFromCents;
		this.veryHighPoints = veryHighPoints;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Optional<Reason> evaluate(Order order, CustomerHistory history) {
		long amount = order.amountCents();
		if (amount >= this.veryHighFromCents) {
			return Optional.of(reason(this.veryHighPoints, amount, this.veryHighFromCents));
		}
		if (amount >= this.fromCents) {
			return Optional.of(reason(this.points, amount, this.fromCents));
		}
		return Optional.empty();
	}

	private static Reason reason(int points, long amount, long threshold) {
		return new Reason(NAME, points, "amount " + amount + " cents is " + threshold + " cents or more");
	}

}
