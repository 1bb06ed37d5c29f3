package dev.latencylab.checks.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.latencylab.checks.LabRepository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every PromQL query of the lab's Grafana dashboards
 * ({@code observability/grafana/dashboards/*.json}), as written and ready to send to
 * Prometheus' {@code /api/v1/query} without Grafana in between.
 * <p>
 * Preparing a query does what Grafana does before it sends one, with fixed values:
 * {@code $__rate_interval} becomes {@code 1m}, {@code $__interval} {@code 15s},
 * {@code $__range} {@code 5m} (their {@code _ms} and {@code _s} forms alike), and every
 * template variable ({@code $application}, {@code ${application}},
 * {@code [[application]]}) becomes {@code .+}, the value of "All". That only matches
 * every value where the dashboard uses the variable in a regex matcher
 * ({@code application=~"$application"}), which {@code DashboardsTest} checks.
 * <p>
 * The repository root is {@link LabRepository#root()}: the system property
 * {@code lab.repository}, else the nearest directory above the working directory that
 * holds the compose file. lab-runner's end-to-end tests send these queries to a live
 * Prometheus.
 */
public final class DashboardQueries {

	/** Where the dashboards live, relative to the repository root. */
	public static final String DASHBOARDS = "observability/grafana/dashboards";

	private static final Pattern BUILT_IN = Pattern
		.compile("\\$\\{?(__rate_interval|__interval_ms|__interval|__range_ms|__range_s|__range)(?!\\w)\\}?");

	private static final Pattern VARIABLE = Pattern
		.compile("\\$\\{(\\w+)(?::[\\w]+)?\\}|\\[\\[(\\w+)(?::[\\w]+)?\\]\\]|\\$(\\w+)");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private DashboardQueries() {
	}

	/**
	 * One query of one panel.
	 *
	 * @param dashboardUid the dashboard's uid
	 * @param panelTitle the panel's title
	 * @param refId the query's refId within the panel ({@code A}, {@code B}, ...)
	 * @param expr the PromQL as written in the dashboard
	 * @param runnableExpr the PromQL to send to Prometheus (see {@link #prepare(String)})
	 * @param instant whether the panel asks for an instant (rather than range) query
	 */
	public record Query(String dashboardUid, String panelTitle, String refId, String expr, String runnableExpr,
			boolean instant) {

		@Override
		public String toString() {
			return this.dashboardUid + " / " + this.panelTitle + " / " + this.refId + ": " + this.expr;
		}

	}

	/**
	 * @return the repository root ({@link LabRepository#root()})
	 */
	public static Path repository() {
		return LabRepository.root();
	}

	/**
	 * @return the directory holding the dashboard JSON files
	 */
	public static Path dashboardsDirectory() {
		return repository().resolve(DASHBOARDS);
	}

	/**
	 * @return every dashboard file, sorted by name
	 */
	public static List<Path> dashboardFiles() {
		Path directory = dashboardsDirectory();
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".json")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list dashboards in " + directory, ex);
		}
	}

	/**
	 * Parses one dashboard file.
	 * @param file a dashboard JSON file
	 * @return its JSON tree
	 */
	public static JsonNode read(Path file) {
		return JSON.readTree(file);
	}

	/**
	 * @return every query of every panel of every dashboard, in file and panel order
	 */
	public static List<Query> load() {
		List<Query> queries = new ArrayList<>();
		for (Path file : dashboardFiles()) {
			queries.addAll(queries(read(file)));
		}
		return queries;
	}

	/**
	 * The queries of one dashboard, including panels nested in collapsed rows.
	 * @param dashboard a dashboard's JSON tree
	 * @return its panels' queries that have an expression
	 */
	public static List<Query> queries(JsonNode dashboard) {
		String uid = dashboard.path("uid").asString("");
		List<Query> queries = new ArrayList<>();
		for (JsonNode panel : panels(dashboard)) {
			String title = panel.path("title").asString("");
			for (JsonNode target : panel.path("targets").values()) {
				String expr = target.path("expr").asString("");
				if (!expr.isBlank()) {
					queries.add(new Query(uid, title, target.path("refId").asString(""), expr, prepare(expr),
							target.path("instant").asBoolean(false) && !target.path("range").asBoolean(false)));
				}
			}
		}
		return queries;
	}

	/**
	 * The panels of a dashboard: top-level ones and those inside collapsed rows (rows
	 * themselves excluded).
	 * @param dashboard a dashboard's JSON tree
	 * @return its panels
	 */
	public static List<JsonNode> panels(JsonNode dashboard) {
		List<JsonNode> panels = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels").values()) {
			if ("row".equals(panel.path("type").asString(""))) {
				panels.addAll(panel.path("panels").values());
			}
			else {
				panels.add(panel);
			}
		}
		return panels;
	}

	/**
	 * Replaces Grafana's variables in a query by fixed values Prometheus accepts.
	 * @param expr PromQL as written in a dashboard
	 * @return the PromQL to send to Prometheus
	 */
	public static String prepare(String expr) {
		String builtIns = BUILT_IN.matcher(expr).replaceAll((match) -> switch (match.group(1)) {
			case "__rate_interval" -> "1m";
			case "__interval" -> "15s";
			case "__interval_ms" -> "15000";
			case "__range" -> "5m";
			case "__range_s" -> "300";
			default -> "300000";
		});
		return VARIABLE.matcher(builtIns).replaceAll(Matcher.quoteReplacement(".+"));
	}

	/**
	 * The names of the template variables a query uses, built-ins ({@code $__...})
	 * excluded.
	 * @param expr PromQL as written in a dashboard
	 * @return the variable names, in order of appearance
	 */
	public static List<String> variables(String expr) {
		List<String> names = new ArrayList<>();
		Matcher matcher = VARIABLE.matcher(expr);
		while (matcher.find()) {
			String name = (matcher.group(1) != null) ? matcher.group(1)
					: (matcher.group(2) != null) ? matcher.group(2) : matcher.group(3);
			if (!name.startsWith("__")) {
				names.add(name);
			}
		}
		return names;
	}

}
