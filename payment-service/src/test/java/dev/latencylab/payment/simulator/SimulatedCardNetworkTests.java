package dev.latencylab.payment.simulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latencylab.payment.cardnetwork.CardNetworkException;
import dev.latencylab.payment.cardnetwork.NetworkDecision;

class SimulatedCardNetworkTests {

	private final CardNetwork network = new SimulatedCardNetwork(new CardNetworkProperties(
			new CardNetworkProperties.TestCards("4000000000000002", "4000000000009995", "4000000000000119")));

	@Test
	void shouldApproveTheApprovedTestCard() {
		assertThat(this.network.authorize("4111111111111111", 1000, "EUR")).isEqualTo(NetworkDecision.APPROVED);
	}

	@Test
	void shouldApproveAnyOtherCard() {
		NetworkDecision decision = this.network.authorize("5555555555554444", 10_000_000, "EUR");

		assertThat(decision.approved()).isTrue();
		assertThat(decision.declineCode()).isNull();
	}

	@Test
	void shouldDeclineTheDeclinedTestCardWithCardDeclined() {
		NetworkDecision decision = this.network.authorize("4000000000000002", 1000, "EUR");

		assertThat(decision.approved()).isFalse();
		assertThat(decision.declineCode()).isEqualTo("card_declined");
	}

	@Test
	void shouldDeclineTheInsufficientFundsTestCardWithInsufficientFunds() {
		NetworkDecision decision = this.network.authorize("4000000000009995", 1000, "EUR");

		assertThat(decision.approved()).isFalse();
		assertThat(decision.declineCode()).isEqualTo("insufficient_funds");
	}

	@Test
	void shouldGiveNoAnswerForTheNetworkErrorTestCard() {
		assertThatThrownBy(() -> this.network.authorize("4000000000000119", 1000, "EUR"))
			.isInstanceOf(CardNetworkException.class)
			.hasMessageContaining("0119");
	}

	@Test
	void shouldAnswerTheConfiguredTestCards() {
		CardNetwork configured = new SimulatedCardNetwork(new CardNetworkProperties(
				new CardNetworkProperties.TestCards("5555555555554444", "4111111111111111", "378282246310005")));

		assertThat(configured.authorize("5555555555554444", 1000, "EUR")).isEqualTo(NetworkDecision.CARD_DECLINED);
		assertThat(configured.authorize("4111111111111111", 1000, "EUR")).isEqualTo(NetworkDecision.INSUFFICIENT_FUNDS);
		assertThat(configured.authorize("4000000000000002", 1000, "EUR")).isEqualTo(NetworkDecision.APPROVED);
	}

	@Test
	void shouldRefuseOneNumberForTwoOutcomes() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new CardNetworkProperties.TestCards("4000000000000002", "4000000000000002", "4000000000000119"));
	}

}
