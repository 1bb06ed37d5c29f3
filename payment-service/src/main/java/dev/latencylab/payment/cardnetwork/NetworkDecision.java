package dev.latencylab.payment.cardnetwork;

/**
 * What the card network answered to an authorization.
 */
public enum NetworkDecision {

	/** The issuer holds the amount on the card. */
	APPROVED(null),

	/** The issuer refused, without saying why. */
	CARD_DECLINED("card_declined"),

	/** The card's available balance or limit is below the amount. */
	INSUFFICIENT_FUNDS("insufficient_funds");

	private final String declineCode;

	NetworkDecision(String declineCode) {
		this.declineCode = declineCode;
	}

	/**
	 * @return whether the amount is held on the card
	 */
	public boolean approved() {
		return this == APPROVED;
	}

	/**
	 * @return the code callers see in a 402 ({@code card_declined},
	 * {@code insufficient_funds}); {@code null} when approved
	 */
	public String declineCode() {
		return this.declineCode;
	}

}
