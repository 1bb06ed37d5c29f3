package dev.latencylab.traffic;

import java.util.Locale;

/**
 * One checkout to send: what {@link Orders} made.
 *
 * @param sequence its number in the run, from 1
 * @param kind its kind, which says the answers that are right for it
 * @param longEmail whether the customer has the long email address with a plus tag
 * @param idempotencyKey a fresh {@code Idempotency-Key} (also good as
 * {@code X-Request-Id}, so that one id finds the order in every log)
 * @param body the request's JSON body
 */
public record Order(long sequence, OrderKind kind, boolean longEmail, String idempotencyKey, String body) {

	/**
	 * @return how a person would call it: {@code customer}, {@code customer with long
	 * email}, {@code fraud denied}, ...
	 */
	public String label() {
		return this.kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + (this.longEmail ? " with long email" : "");
	}

}
