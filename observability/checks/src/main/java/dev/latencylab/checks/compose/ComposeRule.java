package dev.latencylab.checks.compose;

import java.util.List;

/**
 * One requirement of the compose deployment, checked without a Docker engine. A rule has
 * a name to grep for ({@code published-ports-unique}) and says in one line what it
 * requires; {@code dev.latencylab.checks.compose.rules.ComposeRules} lists them all.
 */
public interface ComposeRule {

	/**
	 * @return the rule's name, lowercase words joined by dashes; every violation carries
	 * it
	 */
	String name();

	/**
	 * @return what the rule requires, in one line
	 */
	String requirement();

	/**
	 * @param compose a compose file and what it is compared with
	 * @return what breaks the rule, empty if nothing does
	 */
	List<Violation> check(ComposeFile compose);

	/**
	 * @param problems what breaks the rule, each in a sentence that names the service
	 * @return them as this rule's violations
	 */
	default List<Violation> violations(List<String> problems) {
		return problems.stream().map((problem) -> new Violation(name(), problem)).toList();
	}

}
