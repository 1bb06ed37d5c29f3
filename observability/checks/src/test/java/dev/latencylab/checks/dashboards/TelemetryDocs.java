package dev.latencylab.checks.dashboards;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names {@code docs/telemetry.md} defines: the series of its "Prometheus series"
 * table (with {@code name_a/_b} expanded to {@code name_a}, {@code name_b}), their
 * labels, and the records of its "Recording rules" table (with {@code a:b:c} / {@code d}
 * expanded to {@code a:b:c}, {@code a:b:d}), and the alerts of its "Alerts" table.
 *
 * @param series the series
 * @param labels their labels
 * @param recordingRules the recording rules
 * @param alerts the alerts' names
 */
record TelemetryDocs(Set<String> series, Set<String> labels, Set<String> recordingRules, Set<String> alerts) {

	private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

	static TelemetryDocs read(Path file) throws IOException {
		Set<String> series = new TreeSet<>();
		Set<String> labels = new TreeSet<>();
		Set<String> rules = new TreeSet<>();
		Set<String> alerts = new TreeSet<>();
		String section = "";
		for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
			if (line.startsWith("## ")) {
				section = line.substring(3).trim().toLowerCase();
				continue;
			}
			if (!line.startsWith("|") || line.startsWith("|---") || line.startsWith("| series")
					|| line.startsWith("| record") || line.startsWith("| alert")) {
				continue;
			}
			String[] cells = line.split("\\|");
			if (cells.length < 3) {
				continue;
			}
			if (section.startsWith("prometheus series")) {
				for (String token : backticked(cells[1])) {
					series.addAll(expand(token, '_'));
				}
				for (String token : backticked(cells[2])) {
					for (String label : token.split(",")) {
						labels.add(label.trim());
					}
				}
			}
			else if (section.startsWith("recording rules")) {
				String previous = null;
				for (String token : backticked(cells[1])) {
					String rule = (token.contains(":") || previous == null) ? token
							: previous.substring(0, previous.lastIndexOf(':') + 1) + token;
					rules.add(rule);
					previous = rule;
				}
			}
			else if (section.startsWith("alerts")) {
				alerts.addAll(backticked(cells[1]));
			}
		}
		return new TelemetryDocs(series, labels, rules, alerts);
	}

	/** {@code a_b_c/_d} → {@code a_b_c}, {@code a_b_d}. */
	private static List<String> expand(String token, char separator) {
		String[] parts = token.split("/");
		List<String> names = new ArrayList<>();
		names.add(parts[0].trim());
		String stem = parts[0].substring(0, Math.max(parts[0].lastIndexOf(separator), 0));
		for (int i = 1; i < parts.length; i++) {
			names.add(stem + parts[i].trim());
		}
		return names;
	}

	private static List<String> backticked(String cell) {
		List<String> tokens = new ArrayList<>();
		Matcher matcher = BACKTICKED.matcher(cell);
		while (matcher.find()) {
			tokens.add(matcher.group(1).trim());
		}
		return tokens;
	}

}
