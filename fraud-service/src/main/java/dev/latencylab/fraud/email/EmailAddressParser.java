package dev.latencylab.fraud.email;

import dev.latencylab.kit.FlagContext;

/**
 * How {@code EMAIL_PATTERN} splits an order's email address into local part and domain.
 */
@FunctionalInterface
public interface EmailAddressParser {

	/** The plain split at the last {@code @}: {@link EmailAddress#split(String)}. */
	EmailAddressParser PLAIN = (email, order) -> EmailAddress.split(email);

	/**
	 * Splits the email address of an order.
	 * @param email the order's email address
	 * @param order the order being scored, as its flags see it
	 * @return the address's parts
	 */
	EmailAddress parse(String email, FlagContext order);

}
