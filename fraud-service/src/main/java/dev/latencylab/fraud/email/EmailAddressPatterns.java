package dev.latencylab.fraud.email;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pattern that recognises a plain email address (letters, digits and single
 * {@code . _ -} separators in the local part; a dotted domain) and splits it into its
 * parts. Anything else (plus addressing, quoted local parts, ...) falls back to the plain
 * split, so both forms of the pattern give the rule the same parts as the plain split.
 * <p>
 * Two forms of the same language: {@link #BACKTRACKING}, the one of the
 * {@code fraud-regex-cpu} fault, and {@link #LINEAR}, its fix.
 */
final class EmailAddressPatterns {

	/**
	 * The fault: a nested quantifier. {@code (?:[a-zA-Z0-9]+[._-]?){1,64}} can cut a run
	 * of n letters into its segments in 2^(n-1) ways, and the engine tries every one
	 * before it gives up on an address that does not match (e.g. a long local part
	 * followed by a {@code +tag}). The bound {@code {1,64}} (meant as RFC 5321's 64
	 * characters, but it counts segments) also turns off the JDK's memo of failed
	 * positions, which only guards unbounded greedy loops: each further letter doubles
	 * the time.
	 */
	static final Pattern BACKTRACKING = Pattern
		.compile("((?:[a-zA-Z0-9]+[._-]?){1,64})@((?:[a-zA-Z0-9-]+\\.)+[a-zA-Z]{2,})");

	/**
	 * The fix: the same language with possessive quantifiers. A letter run is taken whole
	 * ({@code ++}) and never handed back, so the engine makes one pass and fails in
	 * linear time. It accepts exactly what {@link #BACKTRACKING} accepts: in both, a
	 * separator cannot start a segment, so the only way to cut the local part into
	 * segments is at its separators.
	 */
	static final Pattern LINEAR = Pattern
		.compile("((?:[a-zA-Z0-9]++[._-]?+){1,64}+)@((?:[a-zA-Z0-9-]++\\.)++[a-zA-Z]{2,}+)");

	private EmailAddressPatterns() {
	}

	/**
	 * Splits an address with {@link #LINEAR}, falling back to the plain split.
	 * @param email the address
	 * @return its parts
	 */
	static EmailAddress parseLinear(String email) {
		return recognise(LINEAR.matcher(email)).orElseGet(() -> EmailAddress.split(email));
	}

	/**
	 * Splits an address with {@link #BACKTRACKING}, giving up (and falling back to the
	 * plain split) once the match has run for {@code budget}.
	 * @param email the address
	 * @param budget how long one match may run
	 * @return its parts
	 * @throws BudgetExceededException when the match ran out of time; the caller decides
	 * what to do then
	 */
	static EmailAddress parseBacktracking(String email, Duration budget) {
		return recognise(BACKTRACKING.matcher(new BudgetedCharSequence(email, budget)))
			.orElseGet(() -> EmailAddress.split(email));
	}

	private static Optional<EmailAddress> recognise(Matcher matcher) {
		if (!matcher.matches()) {
			return Optional.empty();
		}
		return Optional.of(new EmailAddress(matcher.group(1), matcher.group(2).toLowerCase(Locale.ROOT)));
	}

	/**
	 * The text of a match that stops the match once its time is up: the usual guard
	 * against a runaway pattern where java.util.regex has no timeout of its own. It caps
	 * the damage at the budget; it does not remove the cause.
	 */
	static final class BudgetedCharSequence implements CharSequence {

		// read the clock once per 2^16 characters the engine looks at: well under 1 ms
		private static final int CLOCK_EVERY = 0xFFFF;

		private final String text;

		private final long deadline;

		private int reads;

		BudgetedCharSequence(String text, Duration budget) {
			this(text, System.nanoTime() + budget.toNanos());
		}

		private BudgetedCharSequence(String text, long deadline) {
			this.text = text;
			this.deadline = deadline;
		}

		@Override
		public char charAt(int index) {
			if ((++this.reads & CLOCK_EVERY) == 0 && System.nanoTime() - this.deadline > 0) {
				throw new BudgetExceededException();
			}
			return this.text.charAt(index);
		}

		@Override
		public int length() {
			return this.text.length();
		}

		@Override
		public CharSequence subSequence(int start, int end) {
			return new BudgetedCharSequence(this.text.substring(start, end), this.deadline);
		}

		@Override
		public String toString() {
			return this.text;
		}

	}

	/**
	 * A match ran out of its time budget.
	 */
	static final class BudgetExceededException extends RuntimeException {

		BudgetExceededException() {
			// thrown deep inside the engine's recursion: no stack trace to fill
			super("the email pattern ran out of its time budget", null, false, false);
		}

	}

}
