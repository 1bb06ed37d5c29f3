package dev.latencylab.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.latencylab.load.LoadResult.AssertionOutcome;

/**
 * Reads the figures out of a Gatling 3.14 HTML report. Gatling 3.14 writes no
 * {@code js/stats.json} any more (older versions did); the statistics table and the
 * assertions table of {@code index.html} are where its numbers are. Columns are found by
 * their headings, so a change of the configured percentiles shows as a clear error, not
 * as wrong numbers.
 */
final class GatlingReport {

	static final String ALL_REQUESTS = "All Requests";

	private static final Pattern HEADING = Pattern
		.compile("<th id=\"col-(\\d+)\"[^>]*><span>(?:<abbr[^>]*>)?([^<]+)(?:</abbr>)?</span></th>");

	private static final Pattern ROW = Pattern.compile("<tr[ >](.*?)</tr>", Pattern.DOTALL);

	private static final Pattern NAME = Pattern.compile("class=\"ellipsed-name\">([^<]*)</span>");

	private static final Pattern CELL = Pattern.compile("<td class=\"value [^\"]*\\bcol-(\\d+)\">([^<]*)</td>");

	private static final Pattern ASSERTION = Pattern
		.compile("<td class=\"error-col-1 (ok|ko) total\">\\s*(.*?)\\s*<span", Pattern.DOTALL);

	private final RequestFigures all;

	private final Map<String, RequestFigures> requests;

	private final List<AssertionOutcome> assertions;

	private GatlingReport(RequestFigures all, Map<String, RequestFigures> requests, List<AssertionOutcome> assertions) {
		this.all = all;
		this.requests = requests;
		this.assertions = assertions;
	}

	/**
	 * @param reportDirectory a run's report directory
	 * @return its figures
	 * @throws IOException when {@code index.html} cannot be read
	 * @throws IllegalStateException when it is not a report this parser knows
	 */
	static GatlingReport read(Path reportDirectory) throws IOException {
		return parse(Files.readString(reportDirectory.resolve("index.html"), StandardCharsets.UTF_8));
	}

	static GatlingReport parse(String html) {
		int head = html.indexOf("id=\"container_statistics_head\"");
		if (head < 0) {
			throw new IllegalStateException("no statistics table in the report: not a Gatling 3.14 report?");
		}
		int end = html.indexOf("</table>", html.indexOf("id=\"container_statistics_body\"", head));
		String statistics = html.substring(head, (end < 0) ? html.length() : end);
		Map<String, Integer> columns = columns(statistics);
		RequestFigures all = null;
		Map<String, RequestFigures> requests = new LinkedHashMap<>();
		Matcher row = ROW.matcher(statistics);
		while (row.find()) {
			Matcher name = NAME.matcher(row.group(1));
			if (!name.find()) {
				continue;
			}
			RequestFigures figures = figures(unescape(name.group(1).trim()), cells(row.group(1)), columns);
			if (all == null && ALL_REQUESTS.equals(figures.name())) {
				all = figures;
			}
			else {
				requests.putIfAbsent(figures.name(), figures);
			}
		}
		if (all == null) {
			throw new IllegalStateException("the report's statistics table has no '" + ALL_REQUESTS + "' row");
		}
		return new GatlingReport(all, requests, assertions(html));
	}

	RequestFigures all() {
		return this.all;
	}

	Map<String, RequestFigures> requests() {
		return this.requests;
	}

	List<AssertionOutcome> assertions() {
		return this.assertions;
	}

	private static Map<String, Integer> columns(String statistics) {
		Map<String, Integer> columns = new HashMap<>();
		Matcher heading = HEADING.matcher(statistics);
		while (heading.find()) {
			columns.put(heading.group(2).trim(), Integer.parseInt(heading.group(1)));
		}
		return columns;
	}

	private static Map<Integer, String> cells(String row) {
		Map<Integer, String> cells = new HashMap<>();
		Matcher cell = CELL.matcher(row);
		while (cell.find()) {
			cells.put(Integer.parseInt(cell.group(1)), cell.group(2).trim());
		}
		return cells;
	}

	private static RequestFigures figures(String name, Map<Integer, String> cells, Map<String, Integer> columns) {
		Figures row = new Figures(name, cells, columns);
		return new RequestFigures(name, row.count("Total"), row.count("OK"), row.count("KO"), row.number("Cnt/s"),
				row.millis("Min"), row.millis("50th pct"), row.millis("95th pct"), row.millis("99th pct"),
				row.millis("99.9th pct"), row.millis("Max"), row.millis("Mean"));
	}

	private static List<AssertionOutcome> assertions(String html) {
		List<AssertionOutcome> assertions = new ArrayList<>();
		int table = html.indexOf("id=\"container_assertions\"");
		if (table < 0) {
			return assertions;
		}
		int end = html.indexOf("</table>", table);
		Matcher assertion = ASSERTION.matcher(html.substring(table, (end < 0) ? html.length() : end));
		while (assertion.find()) {
			assertions.add(new AssertionOutcome(unescape(assertion.group(2).replaceAll("\\s+", " ")),
					"ok".equals(assertion.group(1))));
		}
		return assertions;
	}

	private static String unescape(String html) {
		return html.replace("&lt;", "<")
			.replace("&gt;", ">")
			.replace("&quot;", "\"")
			.replace("&#39;", "'")
			.replace("&#x27;", "'")
			.replace("&amp;", "&");
	}

	/**
	 * One row's cells, found by column heading.
	 */
	private record Figures(String name, Map<Integer, String> cells, Map<String, Integer> columns) {

		double number(String heading) {
			Integer column = this.columns.get(heading);
			if (column == null) {
				throw new IllegalStateException("the report's statistics table has no column '" + heading + "' (it has "
						+ this.columns.keySet() + "); LoadRun sets the percentiles to 50, 95, 99, 99.9");
			}
			String value = this.cells.get(column);
			if (value == null) {
				throw new IllegalStateException("the report's row '" + this.name + "' has no '" + heading + "' cell");
			}
			// Gatling writes "-" for a count of zero
			return (value.isEmpty() || "-".equals(value)) ? 0 : Double.parseDouble(value.replace(",", ""));
		}

		long count(String heading) {
			return Math.round(number(heading));
		}

		long millis(String heading) {
			return Math.round(number(heading));
		}

	}

}
