package dev.latencylab.fraud.email;

import java.util.Locale;

/**
 * An email address split into the parts the rules look at.
 *
 * @param localPart what comes before the last {@code @} (the whole address when there is
 * none)
 * @param domain what comes after it, in lower case (empty when there is none)
 */
public record EmailAddress(String localPart, String domain) {

	/**
	 * Splits any address at its last {@code @}, since a quoted local part may itself
	 * contain one.
	 * @param email the address
	 * @return its parts
	 */
	public static EmailAddress split(String email) {
		int at = email.lastIndexOf('@');
		String localPart = (at < 0) ? email : email.substring(0, at);
		String domain = (at < 0) ? "" : email.substring(at + 1).toLowerCase(Locale.ROOT);
		return new EmailAddress(localPart, domain);
	}

}
