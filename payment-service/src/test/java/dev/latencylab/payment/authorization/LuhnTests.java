package dev.latencylab.payment.authorization;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class LuhnTests {

	@ParameterizedTest
	@ValueSource(strings = { "4111111111111111", "4000000000000002", "4000000000009995", "4000000000000119",
			"5555555555554444", "378282246310005", "6011111111111117", "79927398713", "0" })
	void shouldAcceptANumberWithTheRightCheckDigit(String number) {
		assertThat(Luhn.isValid(number)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "4111111111111112", "4000000000000001", "79927398710", "1234567812345678" })
	void shouldRejectANumberWithAWrongCheckDigit(String number) {
		assertThat(Luhn.isValid(number)).isFalse();
	}

	@Test
	void shouldRejectANumberWithTwoNeighboursSwapped() {
		assertThat(Luhn.isValid("4000000000000002")).isTrue();

		assertThat(Luhn.isValid("4000000000000020")).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "4111 1111 1111 1111", "411111111111111a", "-4111111111111111" })
	void shouldRejectAnythingButDigits(String number) {
		assertThat(Luhn.isValid(number)).isFalse();
	}

	@Test
	void shouldRejectNull() {
		assertThat(Luhn.isValid(null)).isFalse();
	}

}
