package dev.latencylab.fraud.email;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.latencylab.fraud.history.CustomerHistory;
import dev.latencylab.fraud.rules.Address;
import dev.latencylab.fraud.rules.EmailPatternRule;
import dev.latencylab.fraud.rules.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EmailAddressPatternsTest {

	// a long local part whose '+tag' the pattern does not allow: the fault's trigger
	// shape
	static final String TRIGGER = "jonathan.alexander.fitzgerald.montgomery.smith+shop@example.com";

	private static final Duration NO_BUDGET = Duration.ofMinutes(1);

	@ParameterizedTest
	@ValueSource(strings = { "jane.doe@example.com", "load-42@example.com", "j_doe-1@sub.example.co.uk",
			"JANE@Example.COM", "jane123456@mailinator.com", "user20240101@eu.mailinator.com", "a@b.de",
			"jane+shop@example.com", "jane..doe@example.com", ".jane@example.com", "jane.@example.com",
			"\"jane@home\"@example.com", "jane@localhost", "jane@-example.com", "jane@example.c0m", "no-at-sign", "" })
	void shouldSplitEveryAddressAsThePlainSplitDoesWithBothPatterns(String email) {
		EmailAddress plain = EmailAddress.split(email);

		assertThat(EmailAddressPatterns.parseBacktracking(email, NO_BUDGET)).isEqualTo(plain);
		assertThat(EmailAddressPatterns.parseLinear(email)).isEqualTo(plain);
	}

	@ParameterizedTest
	@ValueSource(strings = { "jane.doe@example.com", "load-42@example.com", "j_doe-1@sub.example.co.uk",
			"JANE@Example.COM", "jane.doe-smith_2@mail.example.org" })
	void shouldRecogniseAPlainAddressWithBothPatterns(String email) {
		assertThat(EmailAddressPatterns.BACKTRACKING.matcher(email).matches()).isTrue();
		assertThat(EmailAddressPatterns.LINEAR.matcher(email).matches()).isTrue();
	}

	@Test
	void shouldAcceptExactlyTheSameShortStringsWithBothPatterns() {
		List<String> disagreements = new ArrayList<>();
		for (String text : allStrings("a1._-+@", 6)) {
			for (String email : List.of(text, text + "@example.com", "jane" + text + ".de")) {
				if (EmailAddressPatterns.BACKTRACKING.matcher(email)
					.matches() != EmailAddressPatterns.LINEAR.matcher(email).matches()) {
					disagreements.add(email);
				}
			}
		}

		assertThat(disagreements).isEmpty();
	}

	@Test
	void shouldFailTheTriggerAddressInLinearTime() {
		long started = System.nanoTime();

		boolean matches = EmailAddressPatterns.LINEAR.matcher(TRIGGER + TRIGGER).matches();

		assertThat(matches).isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(200));
	}

	@Test
	void shouldGiveUpOnTheTriggerAddressWhenTheBudgetIsSpent() {
		long started = System.nanoTime();

		assertThatExceptionOfType(EmailAddressPatterns.BudgetExceededException.class)
			.isThrownBy(() -> EmailAddressPatterns.parseBacktracking(TRIGGER, Duration.ofMillis(300)));

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(300),
				Duration.ofSeconds(2));
	}

	@Test
	void shouldDoubleTheWorkOfTheBacktrackingPatternWithEveryFurtherLetter() {
		// a short run still fails fast: the cost is exponential in the run's length
		String shortRun = "jonathan.smith+shop@example.com";

		long started = System.nanoTime();
		EmailAddress address = EmailAddressPatterns.parseBacktracking(shortRun, NO_BUDGET);

		assertThat(address).isEqualTo(EmailAddress.split(shortRun));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
	}

	@ParameterizedTest
	@ValueSource(strings = { "jane.doe@example.com", "jane@MAILINATOR.COM", "jane@eu.mailinator.com",
			"jane123456@example.com", "user20240101@mailinator.com", "jane+123456@mailinator.com",
			"jane@123456.example.com", "jane12345@example.com" })
	void shouldGiveTheEmailRuleTheSameReasonsWhicheverWayItSplits(String email) {
		Address berlin = new Address("Unter den Linden 1", "Berlin", "10117", "DE");
		Order order = new Order(UUID.randomUUID(), "customer-1", email, 5_000, berlin, berlin);
		CustomerHistory noHistory = CustomerHistory.firstOrder("customer-1", Duration.ofHours(1));

		Object plain = rule(EmailAddressParser.PLAIN).evaluate(order, noHistory);

		assertThat(rule((address, context) -> EmailAddressPatterns.parseBacktracking(address, NO_BUDGET))
			.evaluate(order, noHistory)).isEqualTo(plain);
		assertThat(rule((address, context) -> EmailAddressPatterns.parseLinear(address)).evaluate(order, noHistory))
			.isEqualTo(plain);
	}

	private static EmailPatternRule rule(EmailAddressParser parser) {
		return new EmailPatternRule(List.of("mailinator.com"), 50, 6, 20, parser);
	}

	private static List<String> allStrings(String alphabet, int maxLength) {
		List<String> strings = new ArrayList<>(List.of(""));
		List<String> last = List.of("");
		for (int length = 1; length <= maxLength; length++) {
			List<String> next = new ArrayList<>();
			for (String prefix : last) {
				for (char c : alphabet.toCharArray()) {
					next.add(prefix + c);
				}
			}
			strings.addAll(next);
			last = next;
		}
		return strings;
	}

}
