package dev.latencylab.fraud.rules;

import org.junit.jupiter.api.Test;

import static dev.latencylab.fraud.rules.TestOrders.berlinWith;
import static dev.latencylab.fraud.rules.TestOrders.noHistory;
import static dev.latencylab.fraud.rules.TestOrders.order;
import static dev.latencylab.fraud.rules.TestOrders.withBilling;
import static org.assertj.core.api.Assertions.assertThat;

class AddressMismatchRuleTest {

	private final AddressMismatchRule rule = new AddressMismatchRule(35, 10);

	@Test
	void shouldStaySilentWhenBillingAndShippingAreTheSame() {
		assertThat(this.rule.evaluate(order(), noHistory())).isEmpty();
	}

	@Test
	void shouldAdd35PointsWhenTheBillingCountryDiffers() {
		assertThat(this.rule.evaluate(withBilling(berlinWith("10117", "FR")), noHistory()))
			.hasValueSatisfying((reason) -> {
				assertThat(reason.rule()).isEqualTo("ADDRESS_MISMATCH");
				assertThat(reason.points()).isEqualTo(35);
				assertThat(reason.detail()).contains("FR").contains("DE");
			});
	}

	@Test
	void shouldAdd35NotThe10PointsWhenCountryAndPostalCodeBothDiffer() {
		assertThat(this.rule.evaluate(withBilling(berlinWith("75001", "FR")), noHistory())).map(Reason::points)
			.hasValue(35);
	}

	@Test
	void shouldAdd10PointsWhenOnlyThePostalCodeDiffers() {
		assertThat(this.rule.evaluate(withBilling(berlinWith("80331", "DE")), noHistory()))
			.hasValueSatisfying((reason) -> {
				assertThat(reason.points()).isEqualTo(10);
				assertThat(reason.detail()).contains("80331").contains("10117");
			});
	}

	@Test
	void shouldTreatAPostalCodeWrittenWithOtherSpacingOrCaseAsTheSame() {
		Order order = new Order(order().orderId(), "customer-1", "jane@example.com", 5_000,
				new Address("1 Street", "London", "SW1A 1AA", "GB"),
				new Address("1 Street", "London", "sw1a1aa", "GB"));

		assertThat(this.rule.evaluate(order, noHistory())).isEmpty();
	}

}
