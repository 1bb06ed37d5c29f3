package dev.latencylab.fraud.email;

import java.time.Duration;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.latencylab.kit.FaultSwitch;
import dev.latencylab.kit.FlagContext;
import dev.latencylab.kit.LabFlags;
import dev.latencylab.kit.Scenario;

/**
 * The address parser of {@code EMAIL_PATTERN} in the running service: the plain split
 * while {@code fraud-regex-cpu} is off; with it on, {@link EmailAddressPatterns}
 * recognise plain addresses first, with the backtracking pattern, or with the linear one
 * once {@code fraud-regex-cpu-fix} is on. Every form gives the same parts, so the same
 * decisions.
 */
final class PatternEmailParser implements EmailAddressParser {

	private static final Logger logger = LoggerFactory.getLogger(PatternEmailParser.class);

	private static final AttributeKey<Long> DURATION_MS = AttributeKey.longKey("duration_ms");

	private static final AttributeKey<Long> LENGTH = AttributeKey.longKey("email.length");

	private static final AttributeKey<Boolean> GAVE_UP = AttributeKey.booleanKey("gave_up");

	// a match that takes longer than this is worth a span event
	private static final long SLOW_NANOS = Duration.ofMillis(1).toNanos();

	private final FaultSwitch regexCpu;

	private final Duration budget;

	/**
	 * @param flags the lab's flags
	 * @param budget how long one match of the backtracking pattern may run before it
	 * gives up (fraud.faults.regex-cpu.budget)
	 */
	PatternEmailParser(LabFlags flags, Duration budget) {
		this.regexCpu = new FaultSwitch(flags, Scenario.FRAUD_REGEX_CPU,
				"EMAIL_PATTERN recognises addresses with a backtracking pattern; a long local part that fails "
						+ "to match burns up to " + budget.toMillis() + " ms of CPU",
				"EMAIL_PATTERN recognises addresses with the linear-time (possessive) pattern");
		this.budget = budget;
	}

	@Override
	public EmailAddress parse(String email, FlagContext order) {
		return switch (this.regexCpu.mode(order)) {
			case OFF -> EmailAddress.split(email);
			case FIXED -> EmailAddressPatterns.parseLinear(email);
			// the Stack Overflow (2016) and Cloudflare (2019) outages: a regex that
			// backtracks catastrophically on unlucky input, on the request thread
			case FAULT -> parseBacktracking(email);
		};
	}

	private EmailAddress parseBacktracking(String email) {
		long started = System.nanoTime();
		boolean gaveUp = false;
		try {
			return EmailAddressPatterns.parseBacktracking(email, this.budget);
		}
		catch (EmailAddressPatterns.BudgetExceededException ex) {
			gaveUp = true;
			logger.warn("The email pattern gave up after {} ms on an address of {} characters; split it plainly",
					this.budget.toMillis(), email.length());
			return EmailAddress.split(email);
		}
		finally {
			long took = System.nanoTime() - started;
			if (took >= SLOW_NANOS) {
				Span.current()
					.addEvent("fraud.email_pattern.slow_match", Attributes.of(DURATION_MS,
							Duration.ofNanos(took).toMillis(), LENGTH, (long) email.length(), GAVE_UP, gaveUp));
			}
		}
	}

}
