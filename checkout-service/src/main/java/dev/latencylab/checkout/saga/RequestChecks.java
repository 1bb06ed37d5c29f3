package dev.latencylab.checkout.saga;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.latencylab.kit.ProblemException;

/**
 * What a checkout request must be beyond its shape (which bean validation checks): one
 * line per SKU and a card that has not expired; and its fingerprint, which tells a retry
 * from another request under the same idempotency key.
 */
@Component
class RequestChecks {

	private final Clock clock;

	private final JsonMapper jsonMapper;

	RequestChecks(Clock clock, JsonMapper jsonMapper) {
		this.clock = clock;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * @param request what the customer sent
	 * @throws ProblemException 400 {@code invalid-request} with the field
	 */
	void require(CheckoutRequest request) {
		requireDistinctSkus(request.lines());
		requireUnexpiredCard(request.card());
	}

	/**
	 * @param request what the customer sent
	 * @return the SHA-256 of its JSON, in hex
	 */
	String fingerprint(CheckoutRequest request) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(this.jsonMapper.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void requireUnexpiredCard(CheckoutRequest.Card card) {
		YearMonth expiry = YearMonth.parse(card.expiry(), DateTimeFormatter.ofPattern("MM/yy"));
		if (expiry.isBefore(YearMonth.now(this.clock))) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
					"The request is invalid: card.expiry " + card.expiry() + " is in the past")
				.with("errors", List.of(Map.of("field", "card.expiry", "message", "is in the past")));
		}
	}

	private static void requireDistinctSkus(List<CheckoutRequest.LineItem> lines) {
		Set<String> seen = new HashSet<>();
		for (CheckoutRequest.LineItem line : lines) {
			if (!seen.add(line.sku())) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
						"SKU " + line.sku() + " appears on more than one line; put the whole quantity on one line.")
					.with("sku", line.sku())
					.with("errors", List.of(Map.of("field", "lines[" + lines.indexOf(line) + "].sku", "message",
							"appears on more than one line")));
			}
		}
	}

}
