package dev.latencylab.fraud.rules;

import org.junit.jupiter.api.Test;

import static dev.latencylab.fraud.rules.TestOrders.order;
import static dev.latencylab.fraud.rules.TestOrders.ordersInLastHour;
import static org.assertj.core.api.Assertions.assertThat;

class VelocityRuleTest {

	private final VelocityRule rule = new VelocityRule(5, 40);

	@Test
	void shouldStaySilentWithFourEarlierOrdersInTheWindow() {
		assertThat(this.rule.evaluate(order(), ordersInLastHour(4))).isEmpty();
	}

	@Test
	void shouldAdd40PointsWhenTheCustomerAlreadyPlacedFiveOrdersInTheWindow() {
		assertThat(this.rule.evaluate(order(), ordersInLastHour(5))).hasValueSatisfying((reason) -> {
			assertThat(reason.rule()).isEqualTo("VELOCITY");
			assertThat(reason.points()).isEqualTo(40);
			assertThat(reason.detail()).contains("5 orders").contains("60 minutes");
		});
	}

	@Test
	void shouldAddTheSame40PointsForManyMoreOrders() {
		assertThat(this.rule.evaluate(order(), ordersInLastHour(50))).map(Reason::points).hasValue(40);
	}

}
