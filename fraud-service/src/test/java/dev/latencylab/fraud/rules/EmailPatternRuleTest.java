package dev.latencylab.fraud.rules;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.latencylab.fraud.rules.TestOrders.noHistory;
import static dev.latencylab.fraud.rules.TestOrders.withEmail;
import static org.assertj.core.api.Assertions.assertThat;

class EmailPatternRuleTest {

	private final EmailPatternRule rule = new EmailPatternRule(List.of("mailinator.com", " YopMail.com "), 50, 6, 20);

	@ParameterizedTest
	@ValueSource(
			strings = { "jane@mailinator.com", "jane@MAILINATOR.COM", "jane@eu.mailinator.com", "jane@yopmail.com" })
	void shouldAdd50PointsForADisposableDomainOrOneOfItsSubdomains(String email) {
		assertThat(this.rule.evaluate(withEmail(email), noHistory())).hasValueSatisfying((reason) -> {
			assertThat(reason.rule()).isEqualTo("EMAIL_PATTERN");
			assertThat(reason.points()).isEqualTo(50);
			assertThat(reason.detail()).contains("disposable");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "jane@notmailinator.com", "jane@mailinator.com.example.org", "jane@example.com" })
	void shouldStaySilentForADomainThatOnlyLooksDisposable(String email) {
		assertThat(this.rule.evaluate(withEmail(email), noHistory())).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "jane123456@example.com", "123456@example.com", "j.4815162342.doe@example.com" })
	void shouldAdd20PointsForSixOrMoreDigitsInARowInTheLocalPart(String email) {
		assertThat(this.rule.evaluate(withEmail(email), noHistory())).hasValueSatisfying((reason) -> {
			assertThat(reason.points()).isEqualTo(20);
			assertThat(reason.detail()).contains("6 or more digits");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "jane12345@example.com", "j1a2n3e4d5o6e7@example.com", "jane@123456.example.com" })
	void shouldStaySilentForFewerThanSixDigitsInARowOrDigitsOnlyInTheDomain(String email) {
		assertThat(this.rule.evaluate(withEmail(email), noHistory())).isEmpty();
	}

	@Test
	void shouldAddBothPointsInOneReasonForADisposableDomainAndADigitRun() {
		assertThat(this.rule.evaluate(withEmail("user20240101@mailinator.com"), noHistory()))
			.hasValueSatisfying((reason) -> {
				assertThat(reason.points()).isEqualTo(70);
				assertThat(reason.detail()).contains("disposable").contains("digits");
			});
	}

}
