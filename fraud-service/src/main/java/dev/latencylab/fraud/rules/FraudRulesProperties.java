package dev.latencylab.fraud.rules;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The fraud rules' points and thresholds, under {@code fraud.rules.*}. The defaults are
 * the contract's rule table (docs/contracts.md).
 *
 * @param disposableDomains domains of disposable-mail providers
 * @param highAmount {@code HIGH_AMOUNT}
 * @param velocity {@code VELOCITY}
 * @param addressMismatch {@code ADDRESS_MISMATCH}
 * @param emailPattern {@code EMAIL_PATTERN}
 * @param decision score thresholds of the decision
 */
@ConfigurationProperties("fraud.rules")
public record FraudRulesProperties(@DefaultValue("mailinator.com") List<String> disposableDomains,
		@DefaultValue HighAmount highAmount, @DefaultValue Velocity velocity,
		@DefaultValue AddressMismatch addressMismatch, @DefaultValue EmailPattern emailPattern,
		@DefaultValue Thresholds decision) {

	/**
	 * @param fromCents amount from which the rule fires
	 * @param points points from {@code fromCents}
	 * @param veryHighFromCents amount from which the higher points apply instead
	 * @param veryHighPoints points from {@code veryHighFromCents}
	 */
	public record HighAmount(@DefaultValue("100000") long fromCents, @DefaultValue("30") int points,
			@DefaultValue("500000") long veryHighFromCents, @DefaultValue("60") int veryHighPoints) {
	}

	/**
	 * @param window how far back the customer's orders are counted
	 * @param orders earlier orders within the window from which the rule fires
	 * @param points points it adds
	 */
	public record Velocity(@DefaultValue("1h") Duration window, @DefaultValue("5") int orders,
			@DefaultValue("40") int points) {
	}

	/**
	 * @param countryPoints points when billing and shipping countries differ
	 * @param postalCodePoints points when only the postal codes differ
	 */
	public record AddressMismatch(@DefaultValue("35") int countryPoints, @DefaultValue("10") int postalCodePoints) {
	}

	/**
	 * @param disposableDomainPoints points for a disposable-mail domain
	 * @param digitRun digits in a row that make a local part suspicious
	 * @param digitRunPoints points for such a local part
	 */
	public record EmailPattern(@DefaultValue("50") int disposableDomainPoints, @DefaultValue("6") int digitRun,
			@DefaultValue("20") int digitRunPoints) {
	}

	/**
	 * @param reviewFrom lowest score that is REVIEW
	 * @param denyFrom lowest score that is DENY
	 */
	public record Thresholds(@DefaultValue("50") int reviewFrom, @DefaultValue("80") int denyFrom) {
	}

}
