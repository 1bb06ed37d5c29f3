package dev.latencylab.checks.compose.rules;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks several rules make of a container's environment.
 */
final class Environments {

	private Environments() {
	}

	/**
	 * Reports a variable that does not have the expected value.
	 * @param problems where to report
	 * @param service the service's name
	 * @param env its environment
	 * @param variable the variable
	 * @param expected its expected value
	 */
	static void expect(List<String> problems, String service, Map<String, String> env, String variable,
			String expected) {
		if (!expected.equals(env.get(variable))) {
			problems.add(service + ": " + variable + " is " + env.get(variable) + ", should be " + expected);
		}
	}

	/**
	 * Reports a link for the host's browser that is not localhost at the host port as
	 * published, the same variable included, so that moving the port moves the link.
	 * @param problems where to report
	 * @param service the service's name
	 * @param written its environment as written
	 * @param variable the variable holding the link
	 * @param publishedPort the host port as written ({@code ${LAB_TOOLKIT_PORT:-8090}}),
	 * {@code null} if not published
	 */
	static void expectPublicUrl(List<String> problems, String service, Map<String, String> written, String variable,
			String publishedPort) {
		String value = written.get(variable);
		if (publishedPort == null) {
			problems.add(service + ": " + variable + " links to a port that is not published");
		}
		else if (value == null
				|| !value.matches("http://(localhost|127\\.0\\.0\\.1):" + Pattern.quote(publishedPort) + "(/.*)?")) {
			problems.add(service + ": " + variable + " is " + value + ", should be http://localhost:" + publishedPort);
		}
	}

}
