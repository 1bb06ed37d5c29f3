package dev.latencylab.fraud.rules;

import java.util.Locale;
import java.util.Optional;

import dev.latencylab.fraud.history.CustomerHistory;

/**
 * {@code ADDRESS_MISMATCH}: goods shipped away from where the card is billed. A different
 * country scores high; the same country with another postal code scores low.
 */
public class AddressMismatchRule implements ScoringRule {

	static final String NAME = "ADDRESS_MISMATCH";

	private final int countryPoints;

	private final int postalCodePoints;

	public AddressMismatchRule(int countryPoints, int postalCodePoints) {
		this.countryPoints = countryPoints;
		this.postalCodePoints = postalCodePoints;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Optional<Reason> evaluate(Order order, CustomerHistory history) {
		Address shipping = order.shippingAddress();
		Address billing = order.billingAddress();
		if (!shipping.country().equalsIgnoreCase(billing.country())) {
			return Optional.of(new Reason(NAME, this.countryPoints,
					"billing country " + billing.country() + " differs from shipping country " + shipping.country()));
		}
		if (!normalized(shipping.postalCode()).equals(normalized(billing.postalCode()))) {
			return Optional.of(new Reason(NAME, this.postalCodePoints, "billing postal code " + billing.postalCode()
					+ " differs from shipping postal code " + shipping.postalCode()));
		}
		return Optional.empty();
	}

	// "SW1A 1AA" and "sw1a1aa" are the same place, written differently
	private static String normalized(String postalCode) {
		return postalCode.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
	}

}
