package dev.latencylab.payment.idempotency;

/**
 * The answer given to an idempotent request, kept to be given again, byte for byte.
 *
 * @param status the HTTP status
 * @param location the Location header, or {@code null}
 * @param body the JSON body; a problem when the status is 400 or more
 */
public record StoredResponse(int status, String location, String body) {

	/**
	 * @return whether the body is an RFC 9457 problem
	 */
	public boolean problem() {
		return this.status >= 400;
	}

}
