package dev.latencylab.checks.dashboards;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks the Grafana provisioning and dashboards under {@code observability/grafana}
 * without a Grafana: structure, datasources, template variables, annotations, and that
 * every query, of a panel or of an annotation, selects only series and labels named in
 * {@code docs/telemetry.md} (plus, when {@code promtool} is on the PATH, that every query
 * parses as PromQL).
 */
class DashboardsTest {

	private static final Path GRAFANA = DashboardQueries.repository().resolve("observability/grafana");

	private static final Set<String> PANEL_TYPES = Set.of("timeseries", "stat");

	/** Labels every histogram has without the docs listing them. */
	private static final Set<String> IMPLIED_LABELS = Set.of("le");

	/**
	 * Prometheus' own series of the alerts its rules evaluate, which docs/telemetry.md
	 * does not list as a scraped series.
	 */
	private static final String ALERTS = "ALERTS";

	/**
	 * The labels of {@link #ALERTS}: Prometheus' {@code alertname} and
	 * {@code alertstate}, and the labels every alert of the lab has (PrometheusRulesTest
	 * requires {@code severity} and {@code service}).
	 */
	private static final Set<String> ALERT_LABELS = Set.of("alertname", "alertstate", "severity", "service");

	/** The metric of the flag switch annotation (lab-kit's {@code FlagSwitches}). */
	private static final String FLAG_SWITCHES = "lab_flag_switch_timestamp_seconds";

	private static final Pattern FORMAT_LABEL = Pattern.compile("\\{\\{\\s*(\\w+)\\s*\\}\\}");

	private static final Pattern MATCHER = Pattern
		.compile("([a-zA-Z_]\\w*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

	private static final Pattern LABEL_VALUES = Pattern
		.compile("label_values\\(\\s*(?:([a-zA-Z_:][\\w:]*)(?:\\{[^}]*\\})?\\s*,\\s*)?(\\w+)\\s*\\)");

	private static List<Dashboard> dashboards;

	private static TelemetryDocs telemetry;

	private static Map<String, String> datasourceTypes;

	@BeforeAll
	static void load() throws IOException {
		dashboards = DashboardQueries.dashboardFiles()
			.stream()
			.map((file) -> new Dashboard(file, DashboardQueries.read(file)))
			.toList();
		telemetry = TelemetryDocs.read(DashboardQueries.repository().resolve("docs/telemetry.md"));
		datasourceTypes = new LinkedHashMap<>();
		for (Map<String, Object> datasource : list(yaml("provisioning/datasources/datasources.yml"), "datasources")) {
			datasourceTypes.put(String.valueOf(datasource.get("uid")), String.valueOf(datasource.get("type")));
		}
	}

	@Test
	void shouldParseEveryDashboardWithAUniqueUidAndTitle() {
		assertThat(dashboards).extracting(Dashboard::uid)
			.contains("checkout-overview", "jvm-gc", "database-pools")
			.doesNotHaveDuplicates()
			.allSatisfy((uid) -> assertThat(uid).matches("[a-z0-9-]{1,40}"));
		assertThat(dashboards).extracting((dashboard) -> dashboard.json().path("title").asString(""))
			.doesNotHaveDuplicates()
			.allSatisfy((title) -> assertThat(title).isNotBlank());
		for (Dashboard dashboard : dashboards) {
			JsonNode json = dashboard.json();
			assertThat(dashboard.file().getFileName()).as("file name of %s", dashboard.uid())
				.hasToString(dashboard.uid() + ".json");
			assertThat(json.path("schemaVersion").asInt(0)).as("schemaVersion of %s", dashboard.uid())
				.isBetween(36, 41);
			assertThat(json.path("refresh").asString("")).as("refresh of %s", dashboard.uid()).isEqualTo("5s");
			assertThat(json.path("time").path("from").asString("")).as("time of %s", dashboard.uid())
				.isEqualTo("now-15m");
			assertThat(json.path("time").path("to").asString("")).as("time of %s", dashboard.uid()).isEqualTo("now");
			assertThat(json.has("id") && !json.get("id").isNull()).as("%s has no fixed id", dashboard.uid()).isFalse();
			assertThat(DashboardQueries.panels(json)).as("panels of %s", dashboard.uid()).isNotEmpty();
		}
	}

	@Test
	void shouldGiveEveryPanelATitleAPlaceAPrometheusDatasourceAndAQuery() {
		for (Dashboard dashboard : dashboards) {
			Set<Integer> ids = new HashSet<>();
			List<int[]> places = new ArrayList<>();
			for (JsonNode panel : DashboardQueries.panels(dashboard.json())) {
				String title = panel.path("title").asString("");
				String where = dashboard.uid() + " / " + title;
				assertThat(title).as("a panel title in %s", dashboard.uid()).isNotBlank();
				assertThat(ids.add(panel.path("id").asInt(0))).as("unique positive id of %s", where).isTrue();
				assertThat(panel.path("id").asInt(0)).as("id of %s", where).isPositive();
				assertThat(panel.path("type").asString("")).as("type of %s", where).isIn(PANEL_TYPES);
				assertThatDatasourceIsPrometheus(panel.path("datasource"), where);

				JsonNode grid = panel.path("gridPos");
				int[] place = { grid.path("x").asInt(-1), grid.path("y").asInt(-1), grid.path("w").asInt(0),
						grid.path("h").asInt(0) };
				assertThat(place[0]).as("gridPos.x of %s", where).isBetween(0, 23);
				assertThat(place[1]).as("gridPos.y of %s", where).isNotNegative();
				assertThat(place[2]).as("gridPos.w of %s", where).isBetween(1, 24 - Math.max(place[0], 0));
				assertThat(place[3]).as("gridPos.h of %s", where).isPositive();
				for (int[] other : places) {
					assertThat(overlap(place, other)).as("%s overlaps another panel", where).isFalse();
				}
				places.add(place);

				List<JsonNode> targets = List.copyOf(panel.path("targets").values());
				assertThat(targets).as("targets of %s", where).isNotEmpty();
				Set<String> refIds = new HashSet<>();
				for (JsonNode target : targets) {
					assertThat(target.path("expr").asString("")).as("expr of a target of %s", where).isNotBlank();
					assertThat(refIds.add(target.path("refId").asString(""))).as("unique refIds in %s", where).isTrue();
					if (target.has("datasource")) {
						assertThatDatasourceIsPrometheus(target.path("datasource"), where);
					}
				}
			}
		}
	}

	@Test
	void shouldUseOnlySeriesAndRecordingRulesNamedInTheTelemetryDocs() {
		Set<String> known = knownSeries();
		assertThat(telemetry.series()).as("series parsed from docs/telemetry.md")
			.contains("http_server_requests_seconds_bucket", "jvm_memory_max_bytes", "hikaricp_connections_pending",
					"lab_checkout_outcomes_total", "up");
		assertThat(telemetry.recordingRules()).as("recording rules parsed from docs/telemetry.md")
			.contains("application_uri:http_server_requests_seconds:p95_1m",
					"application:hikaricp_connections_pending:max");

		assertThat(telemetry.alerts()).as("alerts parsed from docs/telemetry.md")
			.contains("CheckoutLatencySpike", "TargetDown");
		assertThat(telemetry.series()).as("Prometheus' own %s is not a scraped series", ALERTS).doesNotContain(ALERTS);

		for (DashboardQueries.Query query : allQueries()) {
			assertSelectsDocumentedSeries(query);
		}
		for (Dashboard dashboard : dashboards) {
			for (JsonNode variable : dashboard.json().path("templating").path("list").values()) {
				Matcher labelValues = LABEL_VALUES.matcher(variableQuery(variable));
				if (labelValues.find() && labelValues.group(1) != null) {
					assertThat(known).as("metric of variable %s in %s", variable.path("name"), dashboard.uid())
						.contains(labelValues.group(1));
				}
			}
		}
	}

	@Test
	void shouldUseOnlyLabelsNamedInTheTelemetryDocs() {
		Set<String> known = new TreeSet<>(telemetry.labels());
		known.addAll(IMPLIED_LABELS);
		assertThat(telemetry.labels()).as("labels parsed from docs/telemetry.md")
			.contains("application", "uri", "status", "client_name", "state", "pool", "decline_code", "job");

		for (DashboardQueries.Query query : allQueries()) {
			assertSelectsDocumentedLabels(query);
		}
		for (Dashboard dashboard : dashboards) {
			for (JsonNode variable : dashboard.json().path("templating").path("list").values()) {
				Matcher labelValues = LABEL_VALUES.matcher(variableQuery(variable));
				if (labelValues.find()) {
					assertThat(known).as("label of variable %s in %s", variable.path("name"), dashboard.uid())
						.contains(labelValues.group(2));
				}
			}
		}
	}

	@Test
	void shouldTakeRatesOverTheRateIntervalOrTheDashboardRange() {
		for (DashboardQueries.Query query : allQueries()) {
			assertRangesAreTheRateIntervalOrTheRange(query);
		}
	}

	@Test
	void shouldShowExemplarsOnTheCheckoutLatencyPanel() {
		Dashboard overview = dashboard("checkout-overview");
		List<JsonNode> checkoutLatency = DashboardQueries.panels(overview.json())
			.stream()
			.filter((panel) -> panel.path("targets")
				.values()
				.stream()
				.map((target) -> target.path("expr").asString(""))
				.anyMatch((expr) -> expr.contains("http_server_requests_seconds_bucket")
						&& expr.contains("uri=\"/api/checkout\"")))
			.toList();

		assertThat(checkoutLatency).as("panels with the checkout endpoint's latency histogram").isNotEmpty();
		assertThat(checkoutLatency)
			.allSatisfy((panel) -> assertThat(panel.path("targets").values()).as("targets of %s", panel.path("title"))
				.anyMatch((target) -> target.path("exemplar").asBoolean(false)
						&& target.path("expr").asString("").contains("http_server_requests_seconds_bucket")));
	}

	@Test
	void shouldProvisionTheDatasourcesAndDashboardsTheDashboardsUse() {
		Map<String, Object> datasources = yaml("provisioning/datasources/datasources.yml");
		Map<String, Map<String, Object>> byUid = new LinkedHashMap<>();
		for (Map<String, Object> datasource : list(datasources, "datasources")) {
			assertThat(byUid.put(String.valueOf(datasource.get("uid")), datasource)).as("unique datasource uids")
				.isNull();
		}
		assertThat(byUid).containsOnlyKeys("prometheus", "jaeger", "alertmanager");
		Map<String, Object> prometheus = byUid.get("prometheus");
		assertThat(prometheus).containsEntry("type", "prometheus")
			.containsEntry("url", "http://prometheus:9090")
			.containsEntry("isDefault", true);
		assertThat(byUid.get("jaeger")).containsEntry("type", "jaeger").containsEntry("url", "http://jaeger:16686");
		assertThat(byUid.get("alertmanager")).containsEntry("type", "alertmanager")
			.containsEntry("url", "http://alertmanager:9093");
		@SuppressWarnings("unchecked")
		Map<String, Object> jsonData = (Map<String, Object>) prometheus.get("jsonData");
		assertThat(list(jsonData, "exemplarTraceIdDestinations"))
			.containsExactly(Map.of("name", "trace_id", "datasourceUid", "jaeger"));

		Map<String, Object> providers = yaml("provisioning/dashboards/dashboards.yml");
		assertThat(list(providers, "providers")).singleElement()
			.satisfies((provider) -> assertThat(provider).containsEntry("type", "file")
				.extractingByKey("options")
				.asInstanceOf(InstanceOfAssertFactories.MAP)
				.containsEntry("path", "/var/lib/grafana/dashboards"));

		for (Dashboard dashboard : dashboards) {
			for (JsonNode datasource : dashboard.datasourceReferences()) {
				String uid = datasource.path("uid").asString("");
				assertThat(datasourceTypes).as("datasource %s used in %s", uid, dashboard.uid())
					.containsEntry(uid, datasource.path("type").asString(""));
			}
		}
	}

	@Test
	void shouldDefineEveryTemplateVariableUsedAndUseItAsARegex() {
		for (Dashboard dashboard : dashboards) {
			Map<String, JsonNode> defined = new LinkedHashMap<>();
			for (JsonNode variable : dashboard.json().path("templating").path("list").values()) {
				String name = variable.path("name").asString("");
				assertThat(defined.put(name, variable)).as("variable %s defined once in %s", name, dashboard.uid())
					.isNull();
				if ("query".equals(variable.path("type").asString(""))) {
					assertThatDatasourceIsPrometheus(variable.path("datasource"), dashboard.uid() + " $" + name);
					assertThat(LABEL_VALUES.matcher(variableQuery(variable)).find())
						.as("variable %s in %s is a label_values query", name, dashboard.uid())
						.isTrue();
				}
			}
			if (defined.containsKey("application")) {
				JsonNode application = defined.get("application");
				assertThat(application.path("multi").asBoolean(false)).as("$application is multi-valued").isTrue();
				assertThat(application.path("includeAll").asBoolean(false)).as("$application offers All").isTrue();
			}
			for (DashboardQueries.Query query : dashboard.queries()) {
				assertVariablesDefinedAndInRegexMatchers(query, defined.keySet());
			}
		}
	}

	@Test
	void shouldParseEveryPreparedQueryAsPromQl(@TempDir Path directory) throws Exception {
		assumeTrue(onPath("promtool").isPresent(), "promtool is not on the PATH");

		assertParsesAsPromQl(allQueries(), directory);
	}

	@Test
	void shouldMarkFlagSwitchesAndFiringAlertsOnEveryDashboard(@TempDir Path directory) throws Exception {
		for (Dashboard dashboard : dashboards) {
			Map<String, JsonNode> byName = new LinkedHashMap<>();
			for (JsonNode annotation : dashboard.annotations()) {
				assertThat(byName.put(annotation.path("name").asString(""), annotation))
					.as("annotation names unique in %s", dashboard.uid())
					.isNull();
			}
			assertThat(byName).as("annotations of %s", dashboard.uid()).containsKeys("Flag switches", "Alerts firing");

			JsonNode flagSwitches = byName.get("Flag switches");
			assertThat(PromQl.metricNames(Dashboard.annotationExpr(flagSwitches)))
				.as("flag switches of %s", dashboard.uid())
				.containsExactly(FLAG_SWITCHES);
			assertThat(flagSwitches.path("useValueForTime").asBoolean(false))
				.as("flag switches of %s drawn at the time the series holds", dashboard.uid())
				.isTrue();
			assertThat(flagSwitches.path("textFormat").asString(""))
				.as("flag switches of %s name the flag and its variant", dashboard.uid())
				.contains("{{flag}}", "{{variant}}");

			JsonNode alerts = byName.get("Alerts firing");
			assertThat(Dashboard.annotationExpr(alerts)).as("alerts of %s", dashboard.uid())
				.contains(ALERTS + "{alertstate=\"firing\"}");
			assertThat(alerts.path("useValueForTime").asBoolean(false)).as("alerts of %s", dashboard.uid()).isFalse();
			assertThat(alerts.path("titleFormat").asString("")).as("alerts of %s name the alert", dashboard.uid())
				.contains("{{alertname}}");

			assertAnnotationsChecked(dashboard, directory);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("brokenAnnotations")
	void shouldCatchABrokenAnnotationQuery(BrokenAnnotation broken, @TempDir Path directory) throws Exception {
		assumeTrue(!broken.needsPromtool() || onPath("promtool").isPresent(), "promtool is not on the PATH");
		Dashboard overview = dashboard("checkout-overview");
		assertAnnotationsChecked(overview, directory);
		JsonNode json = overview.json().deepCopy();
		ObjectNode annotation = (ObjectNode) json.path("annotations")
			.path("list")
			.values()
			.stream()
			.filter((each) -> broken.annotation().equals(each.path("name").asString("")))
			.findFirst()
			.orElseThrow();

		broken.breaking().accept(annotation);

		Dashboard withIt = new Dashboard(overview.file(), json);
		assertThatThrownBy(() -> assertAnnotationsChecked(withIt, directory)).isInstanceOf(AssertionError.class)
			.hasMessageContaining(broken.expected());
	}

	static List<BrokenAnnotation> brokenAnnotations() {
		String flagSwitches = "Flag switches";
		String alerts = "Alerts firing";
		String where = "checkout-overview / annotation ";
		return List.of(
				new BrokenAnnotation("a metric the docs do not name", flagSwitches,
						expr("min by (flag, variant) (lab_flag_switched_timestamp_seconds) * 1000"),
						"[lab_flag_switched_timestamp_seconds in " + where + flagSwitches),
				new BrokenAnnotation("a label the docs do not name", alerts, expr(
						"max by (alertname, service, severity) (ALERTS{alertstate=\"firing\", team=\"payments\"})"),
						"[team in " + where + alerts),
				new BrokenAnnotation("an alert the docs do not name", alerts,
						expr("max by (alertname, service, severity) (ALERTS{alertname=\"CheckoutSlow\", "
								+ "alertstate=\"firing\"})"),
						"[alert CheckoutSlow in " + where + alerts),
				new BrokenAnnotation("a range other than the rate interval", flagSwitches,
						expr("min by (flag, variant) (min_over_time(lab_flag_switch_timestamp_seconds[10m])) * 1000"),
						"[range in " + where + flagSwitches),
				new BrokenAnnotation("a variable the dashboard does not define", flagSwitches,
						expr("min by (flag, variant) (lab_flag_switch_timestamp_seconds{flag=~\"$flag\"}) * 1000"),
						"[variables of checkout-overview]"),
				new BrokenAnnotation("PromQL that does not parse", flagSwitches,
						expr("min by (flag, variant) (lab_flag_switch_timestamp_seconds * 1000"),
						"promtool check rules", true),
				new BrokenAnnotation("a datasource other than Prometheus", alerts,
						(annotation) -> annotation.set("datasource",
								JsonMapper.builder().build().readTree("{\"type\": \"loki\", \"uid\": \"loki\"}")),
						"[datasource type of " + where + alerts + "]"),
				new BrokenAnnotation("a text with a label the query drops", flagSwitches,
						(annotation) -> annotation.put("textFormat", "{{flag}} on {{application}}"),
						"[label application of " + where + flagSwitches + ".textFormat"),
				new BrokenAnnotation("series values as time in seconds", flagSwitches,
						expr("min by (flag, variant) (lab_flag_switch_timestamp_seconds)"), "turns seconds into ms"));
	}

	private static Consumer<ObjectNode> expr(String expr) {
		return (annotation) -> ((ObjectNode) annotation.get("target")).put("expr", expr);
	}

	/**
	 * One way to break an annotation of the checkout overview, and what the checks must
	 * say about it.
	 *
	 * @param what the breakage, the test's name
	 * @param annotation the name of the annotation it breaks
	 * @param breaking what it does to the annotation
	 * @param expected a part of the failure's message
	 * @param needsPromtool whether only promtool notices it
	 */
	record BrokenAnnotation(String what, String annotation, Consumer<ObjectNode> breaking, String expected,
			boolean needsPromtool) {

		BrokenAnnotation(String what, String annotation, Consumer<ObjectNode> breaking, String expected) {
			this(what, annotation, breaking, expected, false);
		}

		@Override
		public String toString() {
			return this.what;
		}

	}

	/**
	 * Checks a dashboard's annotations as the panels are checked: a named Prometheus
	 * query whose series, labels, alerts, ranges and variables are known and which parses
	 * as PromQL (when promtool is on the PATH), and whose title, text and tags use only
	 * labels the query keeps.
	 */
	private static void assertAnnotationsChecked(Dashboard dashboard, Path directory) throws Exception {
		Set<String> variables = new TreeSet<>();
		dashboard.json()
			.path("templating")
			.path("list")
			.values()
			.forEach((variable) -> variables.add(variable.path("name").asString("")));
		for (JsonNode annotation : dashboard.annotations()) {
			String where = dashboard.uid() + " / annotation " + annotation.path("name").asString("");
			assertThat(annotation.path("name").asString("")).as("name of an annotation of %s", dashboard.uid())
				.isNotBlank();
			assertThatDatasourceIsPrometheus(annotation.path("datasource"), where);
			String expr = Dashboard.annotationExpr(annotation);
			assertThat(expr).as("query of %s", where).isNotBlank();
			Set<String> kept = PromQl.groupingLabels(expr).isEmpty() ? knownLabels(expr) : PromQl.groupingLabels(expr);
			for (String field : List.of("titleFormat", "textFormat")) {
				Matcher label = FORMAT_LABEL.matcher(annotation.path(field).asString(""));
				while (label.find()) {
					assertThat(kept).as("label %s of %s.%s among those its query keeps", label.group(1), where, field)
						.contains(label.group(1));
				}
			}
			for (String tag : annotation.path("tagKeys").asString("").split(",")) {
				if (!tag.isBlank()) {
					assertThat(kept).as("tag %s of %s among the labels its query keeps", tag, where)
						.contains(tag.trim());
				}
			}
			if (annotation.path("useValueForTime").asBoolean(false)) {
				// Grafana reads the value as milliseconds since the epoch
				assertThat(PromQl.metricNames(DashboardQueries.prepare(expr))).as("series of %s", where)
					.allSatisfy((metric) -> assertThat(metric).endsWith("_timestamp_seconds"));
				assertThat(expr.replace(" ", "")).as("%s turns seconds into ms", where).endsWith("*1000");
			}
		}
		List<DashboardQueries.Query> queries = dashboard.annotationQueries();
		for (DashboardQueries.Query query : queries) {
			assertSelectsDocumentedSeries(query);
			assertSelectsDocumentedLabels(query);
			assertRangesAreTheRateIntervalOrTheRange(query);
			assertVariablesDefinedAndInRegexMatchers(query, variables);
		}
		if (onPath("promtool").isPresent() && !queries.isEmpty()) {
			assertParsesAsPromQl(queries, Files.createTempDirectory(directory, "annotations"));
		}
	}

	private static List<DashboardQueries.Query> allQueries() {
		return dashboards.stream().flatMap((dashboard) -> dashboard.queries().stream()).toList();
	}

	private static Set<String> knownSeries() {
		Set<String> known = new TreeSet<>(telemetry.series());
		known.addAll(telemetry.recordingRules());
		known.add(ALERTS);
		return known;
	}

	/**
	 * The labels a query may use: those of the docs, and an alert's where it selects
	 * {@link #ALERTS}.
	 */
	private static Set<String> knownLabels(String expr) {
		Set<String> known = new TreeSet<>(telemetry.labels());
		known.addAll(IMPLIED_LABELS);
		if (PromQl.metricNames(DashboardQueries.prepare(expr)).contains(ALERTS)) {
			known.addAll(ALERT_LABELS);
		}
		return known;
	}

	private static void assertSelectsDocumentedSeries(DashboardQueries.Query query) {
		Set<String> known = knownSeries();
		assertThat(PromQl.metricNames(query.runnableExpr())).as("metrics of %s", query)
			.isNotEmpty()
			.allSatisfy((metric) -> assertThat(known).as("%s in %s", metric, query).contains(metric));
		if (query.expr().contains("histogram_quantile")) {
			assertThat(PromQl.groupingLabels(query.expr())).as("histogram_quantile keeps le in %s", query)
				.contains("le");
		}
		Matcher matcher = MATCHER.matcher(query.expr());
		while (matcher.find()) {
			if ("alertname".equals(matcher.group(1)) && "=".equals(matcher.group(2))) {
				assertThat(telemetry.alerts()).as("alert %s in %s", matcher.group(3), query).contains(matcher.group(3));
			}
		}
	}

	private static void assertSelectsDocumentedLabels(DashboardQueries.Query query) {
		Set<String> known = knownLabels(query.expr());
		assertThat(PromQl.labelNames(query.expr())).as("labels of %s", query)
			.allSatisfy((label) -> assertThat(known).as("%s in %s", label, query).contains(label));
	}

	private static void assertRangesAreTheRateIntervalOrTheRange(DashboardQueries.Query query) {
		Matcher range = PromQl.RANGE.matcher(PromQl.stripStrings(query.expr()));
		while (range.find()) {
			assertThat(range.group(1).trim()).as("range in %s", query).isIn("$__rate_interval", "$__range");
		}
	}

	private static void assertVariablesDefinedAndInRegexMatchers(DashboardQueries.Query query, Set<String> defined) {
		List<String> used = DashboardQueries.variables(query.expr());
		assertThat(used).as("variables of %s", query)
			.allSatisfy((name) -> assertThat(defined).as("variables of %s", query.dashboardUid()).contains(name));
		int inRegexMatchers = 0;
		Matcher matcher = MATCHER.matcher(query.expr());
		while (matcher.find()) {
			int inThisMatcher = DashboardQueries.variables(matcher.group(3)).size();
			if (inThisMatcher > 0) {
				assertThat(matcher.group(2)).as("operator for a variable (multi-valued) in %s", query).isIn("=~", "!~");
			}
			inRegexMatchers += inThisMatcher;
		}
		assertThat(inRegexMatchers).as("variables only inside label matchers in %s", query).isEqualTo(used.size());
		assertThat(query.runnableExpr()).as("prepared %s", query).doesNotContain("$", "[[");
	}

	private static void assertParsesAsPromQl(List<DashboardQueries.Query> queries, Path directory)
			throws IOException, InterruptedException {
		Optional<Path> promtool = onPath("promtool");
		List<Map<String, Object>> rules = new ArrayList<>();
		StringBuilder legend = new StringBuilder();
		for (int i = 0; i < queries.size(); i++) {
			rules.add(Map.of("record", "dashboard_check_" + i, "expr", queries.get(i).runnableExpr()));
			legend.append("\n  dashboard_check_").append(i).append(" = ").append(queries.get(i));
		}
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		Path rulesFile = directory.resolve("dashboard-queries.yml");
		Files.writeString(rulesFile,
				new Yaml(options).dump(Map.of("groups", List.of(Map.of("name", "dashboard_queries", "rules", rules)))));

		Process process = new ProcessBuilder(promtool.get().toString(), "check", "rules", rulesFile.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();

		assertThat(process.exitValue()).as("promtool check rules:%n%s%nwhere%s", output, legend).isZero();
		assertThat(output).contains("SUCCESS: " + queries.size() + " rules found");
	}

	private static String variableQuery(JsonNode variable) {
		JsonNode query = variable.path("query");
		return query.isObject() ? query.path("query").asString("") : query.asString("");
	}

	private static void assertThatDatasourceIsPrometheus(JsonNode datasource, String where) {
		assertThat(datasource.path("type").asString("")).as("datasource type of %s", where).isEqualTo("prometheus");
		assertThat(datasourceTypes).as("datasource uid of %s", where)
			.containsEntry(datasource.path("uid").asString(""), "prometheus");
	}

	private static boolean overlap(int[] a, int[] b) {
		return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
	}

	private static Dashboard dashboard(String uid) {
		return dashboards.stream()
			.filter((dashboard) -> dashboard.uid().equals(uid))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no dashboard " + uid));
	}

	private static Map<String, Object> yaml(String path) {
		try {
			return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(GRAFANA.resolve(path)));
		}
		catch (IOException ex) {
			throw new AssertionError("Cannot read " + GRAFANA.resolve(path), ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Map<String, Object> yaml, String key) {
		assertThat(yaml).as("YAML").containsKey(key);
		return (List<Map<String, Object>>) yaml.get(key);
	}

	private static Optional<Path> onPath(String command) {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		return Stream.of(path.split(File.pathSeparator))
			.filter((directory) -> !directory.isBlank())
			.map((directory) -> Path.of(directory, command))
			.filter(Files::isExecutable)
			.findFirst();
	}

}
