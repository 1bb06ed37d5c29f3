package dev.latencylab.checks.alerts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The anchors a runbook's headings make, which the alerts' {@code runbook_url} name.
 */
final class MarkdownHeadings {

	/** What GitHub (and the toolkit) drop from a heading's text to make its id. */
	private static final Pattern NOT_IN_HEADING_IDS = Pattern.compile("[^\\p{L}\\p{M}\\p{Nd}\\p{Pc}\\- ]");

	private MarkdownHeadings() {
	}

	/**
	 * The ids of a Markdown file's headings as GitHub makes them (lowercase, punctuation
	 * dropped, spaces to {@code -}, {@code -1}, {@code -2}... for repeats): a plain
	 * reading of the {@code #} headings outside code blocks, enough for the runbooks; the
	 * toolkit's own tests check every link with its real renderer.
	 */
	static List<String> ids(Path file) throws IOException {
		List<String> ids = new ArrayList<>();
		Map<String, Integer> seen = new LinkedHashMap<>();
		boolean inCode = false;
		for (String line : Files.readAllLines(file)) {
			if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) {
				inCode = !inCode;
				continue;
			}
			if (inCode || !line.matches(" {0,3}#{1,6}\\s.*")) {
				continue;
			}
			String text = line.strip()
				.replaceFirst("^#{1,6}\\s+", "")
				.replaceFirst("\\s+#+$", "")
				.replaceAll("!?\\[([^\\]]*)]\\([^)]*\\)", "$1")
				.toLowerCase(Locale.ROOT);
			String id = NOT_IN_HEADING_IDS.matcher(text).replaceAll("").replace(' ', '-');
			int count = seen.merge(id, 1, Integer::sum) - 1;
			ids.add((count == 0) ? id : id + "-" + count);
		}
		return ids;
	}

}
