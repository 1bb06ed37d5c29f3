package dev.latencylab.checks.dashboards;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a PromQL expression uses, read with regular expressions rather than a parser:
 * enough for the dashboards' queries, which promtool parses for real when it is on the
 * PATH.
 */
final class PromQl {

	/** PromQL words that look like metric names but are not. */
	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
			"group_left", "group_right", "bool", "offset", "inf", "nan", "atan2");

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");

	private static final Pattern SELECTOR = Pattern.compile("\\{([^}]*)\\}");

	private static final Pattern MATCHER_LABEL = Pattern.compile("([a-zA-Z_]\\w*)\\s*(?:=~|!~|!=|=)");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");

	/** A range selector's duration, {@code [5m]}. */
	static final Pattern RANGE = Pattern.compile("\\[([^\\]]*)\\]");

	private static final Pattern TOKEN = Pattern
		.compile("(\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?[a-zA-Z]*)|([a-zA-Z_:][a-zA-Z0-9_:]*)");

	private PromQl() {
	}

	/**
	 * The metric names a PromQL expression selects.
	 * @param expr PromQL (prepared: no Grafana variables)
	 * @return the metric names in order of appearance
	 */
	static Set<String> metricNames(String expr) {
		String rest = stripStrings(expr);
		rest = SELECTOR.matcher(rest).replaceAll(" ");
		rest = GROUPING.matcher(rest).replaceAll(" ");
		rest = RANGE.matcher(rest).replaceAll(" ");
		Set<String> names = new LinkedHashSet<>();
		Matcher token = TOKEN.matcher(rest);
		while (token.find()) {
			String name = token.group(2);
			if (name != null && !KEYWORDS.contains(name)
					&& !rest.substring(token.end()).stripLeading().startsWith("(")) {
				names.add(name);
			}
		}
		return names;
	}

	/**
	 * The label names a PromQL expression matches on or groups by.
	 * @param expr PromQL
	 * @return the label names
	 */
	static Set<String> labelNames(String expr) {
		String rest = stripStrings(expr);
		Set<String> labels = new LinkedHashSet<>(groupingLabels(rest));
		Matcher selector = SELECTOR.matcher(rest);
		while (selector.find()) {
			Matcher label = MATCHER_LABEL.matcher(selector.group(1));
			while (label.find()) {
				labels.add(label.group(1));
			}
		}
		return labels;
	}

	static Set<String> groupingLabels(String expr) {
		Set<String> labels = new LinkedHashSet<>();
		Matcher grouping = GROUPING.matcher(stripStrings(expr));
		while (grouping.find()) {
			for (String label : grouping.group(1).split(",")) {
				if (!label.isBlank()) {
					labels.add(label.trim());
				}
			}
		}
		return labels;
	}

	static String stripStrings(String expr) {
		return STRING.matcher(expr).replaceAll("\"\"");
	}

}
