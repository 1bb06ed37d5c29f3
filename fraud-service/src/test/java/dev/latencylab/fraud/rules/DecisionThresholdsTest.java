package dev.latencylab.fraud.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DecisionThresholdsTest {

	private final DecisionThresholds thresholds = new DecisionThresholds(50, 80);

	@ParameterizedTest
	@CsvSource({ "0, ALLOW", "49, ALLOW", "50, REVIEW", "79, REVIEW", "80, DENY", "230, DENY" })
	void shouldDenyFrom80ReviewFrom50AndAllowBelow(int score, Decision expected) {
		assertThat(this.thresholds.decide(score)).isEqualTo(expected);
	}

	@Test
	void shouldRefuseADenyThresholdBelowTheReviewThreshold() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DecisionThresholds(80, 50));
	}

}
