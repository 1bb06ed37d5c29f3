package dev.latencylab.fraud.rules;

import java.util.Optional;

import dev.latencylab.fraud.history.CustomerHistory;

/**
 * {@code VELOCITY}: many orders in a short time is how a card tester or a stolen account
 * behaves.
 */
public class VelocityRule implements ScoringRule {

	static final String NAME = "VELOCITY";

	private final int orders;

	private final int points;

	/**
	 * @param orders earlier orders within the window from which the rule fires
	 * @param points the points it adds
	 */
	public VelocityRule(int orders, int points) {
		this.orders = orders;
		this.points = points;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Optional<Reason> evaluate(Order order, CustomerHistory history) {
		if (history.ordersInWindow() < this.orders) {
			return Optional.empty();
		}
		return Optional.of(new Reason(NAME, this.points, "customer placed " + history.ordersInWindow()
				+ " orders in the last " + history.window().toMinutes() + " minutes before this one"));
	}

}
