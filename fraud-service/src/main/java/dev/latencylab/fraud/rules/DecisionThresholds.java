package dev.latencylab.fraud.rules;

/**
 * Turns a score into a decision.
 *
 * @param reviewFrom the lowest score that is {@link Decision#REVIEW}
 * @param denyFrom the lowest score that is {@link Decision#DENY}
 */
public record DecisionThresholds(int reviewFrom, int denyFrom) {

	public DecisionThresholds {
		if (reviewFrom <= 0 || denyFrom < reviewFrom) {
			throw new IllegalArgumentException(
					"Need 0 < reviewFrom <= denyFrom, got reviewFrom=" + reviewFrom + ", denyFrom=" + denyFrom);
		}
	}

	/**
	 * The decision for a score.
	 * @param score the summed points
	 * @return DENY from {@code denyFrom}, REVIEW from {@code reviewFrom}, ALLOW below
	 */
	public Decision decide(int score) {
		if (score >= this.denyFrom) {
			return Decision.DENY;
		}
		if (score >= this.reviewFrom) {
			return Decision.REVIEW;
		}
		return Decision.ALLOW;
	}

}
