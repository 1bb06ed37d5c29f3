package dev.latencylab.payment.idempotency;

import dev.latencylab.payment.system.InvalidRequest;

/**
 * The caller's name for one logical request, sent in the {@value #HEADER} header: 1 to
 * {@value #MAX_LENGTH} characters, not all blank.
 *
 * @param value the key as sent
 */
public record IdempotencyKey(String value) {

	/** The header that carries the key. */
	public static final String HEADER = "Idempotency-Key";

	/** The longest key accepted; the column is as wide. */
	public static final int MAX_LENGTH = 100;

	/**
	 * @throws dev.latencylab.kit.ProblemException 400 {@code invalid-request} for an
	 * empty, blank or too long key
	 */
	public IdempotencyKey {
		if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
			throw InvalidRequest.of(HEADER, "must have 1 to " + MAX_LENGTH + " characters, not all blank");
		}
	}

}
