package dev.latencylab.fraud.scoring;

/**
 * How {@code EMAIL_PATTERN} splits an order's email address into local part and domain.
 */
@FunctionalInterface
public interface EmailAddressParser {

	/** The plain split at the last {@code @}: {@link EmailAddress#split(String)}. */
	EmailAddressParser PLAIN = (order) -> EmailAddress.split(order.email());

	/**
	 * Splits the email address of an order.
	 * @param order the order being scored
	 * @return its address's parts
	 */
	EmailAddress parse(Order order);

}
