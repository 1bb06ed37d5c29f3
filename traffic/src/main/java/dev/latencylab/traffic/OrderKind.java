package dev.latencylab.traffic;

import java.util.List;

/**
 * The kinds of checkout the load generators send, each with the request name it has in
 * Gatling's report and the answers that are right for it (docs/contracts.md). A business
 * refusal is a success where it is the expected answer: an expired card must get its 400.
 * Anything else, every 5xx included, is a failure.
 */
public enum OrderKind {

	/**
	 * A customer who should get the order: one product, a good card. 409 when stock ran
	 * out (hot products do in a long run). Every {@code longEmailEvery}-th has a long
	 * email address with a plus tag, as real customers do (what the regex fault trips
	 * on).
	 */
	CUSTOMER(Orders.CHECKOUT, 201, 200, 409),

	/**
	 * Thirty products at once, well over 5,000 EUR: fraud's HIGH_AMOUNT rule sends it to
	 * REVIEW, which lets it through, after a heavier reservation.
	 */
	LARGE_BASKET("checkout large-basket", 201, 200, 409),

	/**
	 * A fraudster: a disposable-mail address (+50) and a billing country other than the
	 * shipping country (+35), so fraud's answer is DENY and checkout's 422.
	 */
	FRAUD_DENIED("checkout fraud-denied", 422),

	/** A card that expired: 400 before anything is reserved. */
	EXPIRED_CARD("checkout expired-card", 400),

	/** A SKU the catalogue does not have: 422, no order left behind. */
	UNKNOWN_SKU("checkout unknown-sku", 422),

	/** The card network's test card that is always declined: 402, stock released. */
	DECLINED_CARD("checkout declined-card", 402);

	private final String requestName;

	private final List<Integer> expectedStatuses;

	OrderKind(String requestName, Integer... expectedStatuses) {
		this.requestName = requestName;
		this.expectedStatuses = List.of(expectedStatuses);
	}

	/**
	 * @return the request's name in Gatling's report and assertions
	 */
	public String requestName() {
		return this.requestName;
	}

	/**
	 * @return the HTTP statuses that are the right answer to this kind
	 */
	public List<Integer> expectedStatuses() {
		return this.expectedStatuses;
	}

	/**
	 * The realistic mix of the steady and spike-hunting runs, by the order's sequence
	 * number: per 100 checkouts 3 fraudsters, 2 large baskets, 1 expired card, 1 unknown
	 * SKU and 1 declined card, spread so that none of them falls on a long-email order
	 * (every 40th); the other 92 are customers.
	 * @param sequence the order's number in the run, from 1
	 * @return its kind
	 */
	public static OrderKind realisticMix(long sequence) {
		return switch ((int) (sequence % 100)) {
			case 7, 41, 74 -> FRAUD_DENIED;
			case 23, 89 -> LARGE_BASKET;
			case 31 -> EXPIRED_CARD;
			case 57 -> UNKNOWN_SKU;
			case 97 -> DECLINED_CARD;
			default -> CUSTOMER;
		};
	}

	/**
	 * Customers only: {@code ./lab load}, the canary and stress runs, where every answer
	 * should be an order.
	 * @param sequence the order's number in the run, from 1
	 * @return {@link #CUSTOMER}
	 */
	public static OrderKind customersOnly(long sequence) {
		return CUSTOMER;
	}

}
