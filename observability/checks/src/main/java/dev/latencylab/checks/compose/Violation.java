package dev.latencylab.checks.compose;

/**
 * What breaks a {@link ComposeRule}.
 *
 * @param rule the rule's name
 * @param problem what is wrong, naming the service or file
 */
public record Violation(String rule, String problem) {

	/**
	 * @return {@code rule: problem}, the rule's name first so that a failure says which
	 * rule to read
	 */
	@Override
	public String toString() {
		return this.rule + ": " + this.problem;
	}

}
