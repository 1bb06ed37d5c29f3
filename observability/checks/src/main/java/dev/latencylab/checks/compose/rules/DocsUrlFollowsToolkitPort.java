package dev.latencylab.checks.compose.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.latencylab.checks.compose.ComposeFile;
import dev.latencylab.checks.compose.ComposeRule;
import dev.latencylab.checks.compose.Service;
import dev.latencylab.checks.compose.Violation;
import dev.latencylab.checks.compose.Yamls;

/**
 * The alerts' {@code runbook_url} is {@code docs_url} (an external label of
 * prometheus-compose.yml) followed by the runbook's path: it must be the toolkit's
 * {@code /docs} at the host port it is published on, the same variable included, so that
 * moving the port moves the links. Prometheus 3 fills in {@code ${VAR}} in external
 * labels from its environment.
 */
public final class DocsUrlFollowsToolkitPort implements ComposeRule {

	private static final Pattern VARIABLE = Pattern
		.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

	@Override
	public String name() {
		return "docs-url-follows-toolkit-port";
	}

	@Override
	public String requirement() {
		return "prometheus-compose.yml's docs_url is /docs on localhost at the toolkit's published port, "
				+ "whose variable docker-compose.yml passes to prometheus";
	}

	@Override
	public List<Violation> check(ComposeFile compose) {
		Object docsUrl = Yamls.map(Yamls.map(compose.lab().prometheus(), "global"), "external_labels").get("docs_url");
		if (docsUrl == null) {
			return violations(
					List.of("prometheus-compose.yml: no external label docs_url, which the alerts' runbook_url needs"));
		}
		Service prometheus = compose.writtenServices().get("prometheus");
		if (prometheus == null) {
			return violations(List.of("no prometheus service"));
		}
		List<String> problems = new ArrayList<>();
		Map<String, String> env = prometheus.environment();
		Matcher variables = VARIABLE.matcher(String.valueOf(docsUrl));
		StringBuilder expanded = new StringBuilder();
		while (variables.find()) {
			String variable = (variables.group(1) != null) ? variables.group(1) : variables.group(2);
			if (!env.containsKey(variable)) {
				problems.add("prometheus-compose.yml: docs_url uses " + variable
						+ ", which docker-compose.yml does not set for prometheus");
			}
			variables.appendReplacement(expanded, Matcher.quoteReplacement(env.getOrDefault(variable, "")));
		}
		variables.appendTail(expanded);
		Optional<Toolkit> toolkit = Toolkit.of(compose);
		if (toolkit.isEmpty()) {
			problems.add(Toolkit.MISSING);
			return violations(problems);
		}
		String published = compose.writtenServices().get(toolkit.get().name()).publishedPort(toolkit.get().port());
		String expected = "http://localhost:" + published + "/docs";
		if (!expanded.toString()
			.matches("http://(localhost|127\\.0\\.0\\.1):" + Pattern.quote(String.valueOf(published)) + "/docs")) {
			problems.add("prometheus-compose.yml: docs_url " + docsUrl + " is " + expanded
					+ " under compose, should be " + expected);
		}
		return violations(problems);
	}

}
