package dev.latencylab.runner;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every scenario of the catalogue in the running local lab, under the steady load of
 * {@code ./lab load} through the gateway: switched on, the checkout's maximum reaches 4 s
 * within a minute while the median stays under 300 ms; the slowest checkout's trace in
 * Zipkin puts the time in the right service and the right kind of span; the metric a
 * person would look at moves; and with the fix flag on as well, the maximum falls back
 * under 1 s. Prints a line of figures per scenario.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedLab.class)
@Order(8)
class ScenariosEndToEndIT {

	/** Checkouts per second, as {@code ./lab load} sends by default. */
	private static final double RATE = 4;

	/**
	 * The fault's window runs from the switch to the toolkit's report, and at least this
	 * long: the report answers an alert, the alert needs the spike, so the spike lies in
	 * it. Its maximum and median are over the checkouts sent in it (at 20 s, the pool
	 * fault's first spell made the median 1.6 s: CI of 2026-12-06).
	 */
	private static final Duration MIN_FAULT_WINDOW = Duration.ofSeconds(30);

	/** With the fix on: longer than every fault's period. */
	private static final Duration FIX_WINDOW = Duration.ofSeconds(45);

	/**
	 * How much longer than the fault's window its metric may take to move: the longest
	 * gap between two spikes of a periodic fault (fraud's rules refresh, every ~30 s).
	 */
	private static final Duration METRIC_WITHIN = Duration.ofSeconds(40);

	/** Fix on to the end of what the fault still had in flight, at most. */
	private static final Duration DRAIN_WITHIN = Duration.ofSeconds(30);

	private static final Duration STEADY_STATE_WAIT = Duration.ofMinutes(3);

	/*
	 * The thresholds, each set well inside what the mechanisms measurably produced in
	 * three runs of this suite (2026-11-30, and twice on 2026-12-04; 2-core machine;
	 * runbooks/scenarios.md has the tables), so that a busy machine does not fail them at
	 * random.
	 */

	/**
	 * The fault's spike: the maximum was 5.1 to 10.9 s in every run, for every scenario.
	 */
	private static final long SPIKE_AT_LEAST_MS = 3_000;

	/**
	 * Most checkouts stay fast: medians of 68 to 130 ms, but for the GC fault, whose
	 * first cycle on a fresh machine has young collections of a second: 102, 130 and 279
	 * ms.
	 */
	private static final long MEDIAN_BELOW_MS = 500;

	/**
	 * The fix takes the spike away: the maximum with it was 109 to 724 ms (the most for
	 * pool starvation, whose pool stays small), once 834 ms in an earlier run (the GC
	 * fix, while the first full collection walked the fault's garbage).
	 */
	private static final long FIXED_BELOW_MS = 2_000;

	/**
	 * Fault on to the toolkit's verdict: 13 to 93 s measured in six runs (the product's
	 * aim is a minute); the slow query is the slowest (27 to 93 s): its alert needs three
	 * slow checkouts in a minute, and one reservation in 40, chosen by its order id, runs
	 * the query (on 2026-12-05 its alert came 88 s after the switch).
	 */
	private static final Duration VERDICT_WITHIN = Duration.ofSeconds(120);

	/** How long the test waits for a report at all (so a late one is measured). */
	private static final Duration REPORT_WITHIN = Duration.ofSeconds(150);

	private final JsonMapper json = JsonMapper.builder().build();

	private final Queue<DatabaseSample> database = new ConcurrentLinkedQueue<>();

	private final List<String> figures = new ArrayList<>();

	private final List<String> verdicts = new ArrayList<>();

	private final List<JsonNode> reports = new ArrayList<>();

	private final ExecutorService sampler = Executors.newSingleThreadExecutor();

	private LocalLab lab;

	private LabClient client;

	private String original;

	private CheckoutWatch watch;

	/** The end of the current scenario's fault window. */
	private long faultEnd;

	/** The spans of the last trace read, for a failure's message. */
	private String lastTrace = "";

	@BeforeAll
	void startLoad(LocalLab lab) throws IOException, InterruptedException {
		this.lab = lab;
		this.client = new LabClient(lab);
		this.original = Files.readString(lab.flagsFile());
		// plenty of stock on the hot products, so that every order reaches the row locks
		for (int n = 1; n <= 10; n++) {
			this.client.setStock("SKU-%05d".formatted(n), 100_000);
		}
		this.sampler.submit(this::sampleDatabase);
		this.watch = new CheckoutWatch(lab, this.client, RATE, "scenarios");
	}

	/**
	 * Before a fault goes on, the lab must be in its steady state under the load: the
	 * first checkouts of fresh JVMs take seconds while the JIT catches up, and a backlog
	 * that a previous fault left must have drained.
	 */
	@BeforeEach
	void steadyState() throws InterruptedException {
		this.watch.awaitSteady(STEADY_STATE_WAIT);
	}

	@AfterEach
	void everyFlagOffAgain() throws IOException {
		// the services pick the file up within a couple of seconds; the next scenario
		// waits
		// for the steady state (and for this one's alerts to resolve) before it begins
		Files.writeString(this.lab.flagsFile(), this.original);
	}

	@AfterAll
	void stopLoad() {
		if (this.watch != null) {
			this.watch.close();
		}
		this.sampler.shutdownNow();
		System.out
			.println("scenarios: scenario, max and median with the fault, culprit span, metric, max with the fix");
		this.figures.forEach((line) -> System.out.println("scenarios: " + line));
		System.out.println("scenarios: toolkit: scenario, cause, service, culprit (frame or SQL), right, "
				+ "seconds from the fault to the alert, to the verdict");
		this.verdicts.forEach((line) -> System.out.println("scenarios: toolkit: " + line));
	}

	/**
	 * @return the catalogue in its order, or the scenarios named in the system property
	 * {@code scenarios} (a comma-separated list, to rerun a few while working on them)
	 */
	static Stream<Expected> scenarios() {
		List<String> chosen = List.of(System.getProperty("scenarios", "").split(","))
			.stream()
			.map(String::strip)
			.filter((name) -> !name.isEmpty())
			.toList();
		return catalogue().filter((expected) -> chosen.isEmpty() || chosen.contains(expected.scenario()));
	}

	private static Stream<Expected> catalogue() {
		return Stream.of(
				new Expected("inventory-row-lock", "inventory-service",
						"an UPDATE or SELECT ... FOR UPDATE waiting in inventory", Spans::isSql,
						// 10 to 13 sessions waiting in the runs measured
						(test, since) -> test.maxLockWaiters(since), "PostgreSQL sessions waiting on a lock", 1,
						"db-lock-wait", "UPDATE product SET stock = stock - $1"),
				new Expected("inventory-slow-query", "inventory-service", "a SELECT in inventory", Spans::isSelect,
						// 100 to 140 million rows in the runs measured
						(test, since) -> test.sequentialRowsRead(since),
						"rows read by sequential scans of stock_movement", 1_000_000, "slow-query",
						"lower(m.sku) = lower($1)"),
				new Expected("fraud-lock-contention", "fraud-service", "fraud's server span, no slow child",
						Spans::isServer,
						// a gauge at each scrape: 2 to 10 blocked threads in the runs
						// measured
						(test, since) -> test.prometheusMax(
								"jvm_threads_states_threads{application=\"fraud-service\",state=\"blocked\"}", since),
						"blocked threads in fraud", 1, "jvm-lock-contention", "RulesCache.readUnderMonitor"),
				new Expected("fraud-regex-cpu", "fraud-service", "fraud's server span, no slow child", Spans::isServer,
						// 29.9 and 31.4 CPU-seconds in the fault's minute, 8.5 and 8.9 in
						// the minute before
						(test, since) -> test.cpuSeconds("fraud-service", since),
						"CPU-seconds a minute fraud used with the fault", 15, "cpu-hot-spot",
						"EmailAddressPatterns.recognise"),
				new Expected("payment-gc-pause", "payment-service",
						"the call into payment stretched by the pause to 2 s or more",
						// the pause stretches payment's server span, or falls before it
						// starts (a run of 2026-12-05: checkout's call 5.6 s, payment's
						// span 1.0 s); the call around it held 4.6 to 7.9 s in the runs
						// measured
						(path) -> path.size() >= 2 && Spans.micros(path.get(path.size() - 2)) >= 2_000_000,
						// pauses of 4.6 to 7.9 s in the runs measured
						(test, since) -> test.prometheusMax("jvm_gc_pause_seconds_max{application=\"payment-service\"}",
								since),
						"payment's longest GC pause (s)", 1.0, "gc-pause", "RiskProfiles.profile"),
				new Expected("payment-pool-starvation", "payment-service",
						"payment's server span waiting for a connection", Spans::isServer, (test, since) -> test
							// 15 to 17 threads waiting in the runs measured
							.prometheusMax("hikaricp_connections_pending{application=\"payment-service\"}", since),
						// the code the connections' holders are in (the card-network call
						// inside the transaction), not wherever the next request waited
						// for
						// one
						"connections waited for in payment's pool", 1, "pool-starvation",
						"CardNetworkClient.authorize"),
				new Expected("payment-slow-network", "payment-service", "payment's HTTP call to the card network",
						Spans::isHttpClientOrBelowIt, (test, since) -> test
							// the issuer's 5 s: 5.1 s in the runs measured
							.prometheusMax("http_client_requests_seconds_max{application=\"payment-service\"}", since),
						"payment's slowest HTTP client call (s)", 3.0, "slow-downstream", "IssuerLink.exchange"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	void shouldSpikeShowItsEvidenceAndRecoverWithTheFix(Expected expected) throws Exception {
		long faultOn = System.currentTimeMillis();
		switchOn(expected.scenario(), expected.service());

		// the fault: the checkout's maximum reaches 4 s within a minute
		// the toolkit, told nothing about the scenario: the alert, a report, a verdict
		JsonNode report = this.watch.awaitReportOfAlertAfter(faultOn, REPORT_WITHIN);

		// the fault's window, to the report
		long faultEnd = Math.max(System.currentTimeMillis(), faultOn + MIN_FAULT_WINDOW.toMillis());
		this.faultEnd = faultEnd;
		TimeUnit.MILLISECONDS.sleep(Math.max(0, faultEnd - System.currentTimeMillis()));
		this.watch.awaitAnswersOfCheckoutsStartedBefore(faultEnd);
		Latencies withFault = this.watch.latencies(faultOn, faultEnd);
		this.watch.printByTenSeconds(expected.scenario(), faultOn, faultEnd);
		CheckoutTraffic.Checkout slowest = this.watch.slowest(faultOn, faultEnd);
		JsonNode verdict = report.path("verdict");
		String named = verdict.path("statement").asString() + " " + verdict.path("frame").asString();
		boolean right = expected.service().equals(verdict.path("service").asString())
				&& expected.causeClass().equals(verdict.path("cause").asString())
				&& named.contains(expected.verdictCulprit());
		long alertSeconds = (instant(report.path("trigger").path("receivedAt")) - faultOn) / 1000;
		long verdictSeconds = (instant(report.path("verdictAt")) - faultOn) / 1000;
		this.verdicts.add(
				"%-24s %-20s %-18s %-70s %-5s %4d s %4d s".formatted(expected.scenario(),
						verdict.path("cause").asString(), verdict.path("service").asString(),
						abbreviate(verdict.path("frame").asString().isEmpty() ? verdict.path("statement").asString()
								: verdict.path("frame").asString()),
						right ? "yes" : "NO", alertSeconds, verdictSeconds));
		System.out.println("scenarios: toolkit: " + this.verdicts.get(this.verdicts.size() - 1));
		String seen = whatTheReportSaw(report);
		System.out.println("scenarios: report: " + expected.scenario() + ": " + seen);
		this.reports.add(report);

		assertThat(withFault.max()).as("%s: max checkout latency within a minute (ms)", expected.scenario())
			.isGreaterThanOrEqualTo(SPIKE_AT_LEAST_MS);
		assertThat(withFault.percentile(50)).as("%s: median checkout latency (ms)", expected.scenario())
			.isLessThan(MEDIAN_BELOW_MS);

		// the trace: the time goes to the right service and kind of span
		List<JsonNode> slowPath = slowPath(slowest);
		JsonNode culprit = slowPath.get(slowPath.size() - 1);
		assertThat(Spans.service(culprit))
			.as("%s: service of the slow span (%s; the trace's spans of 100 ms or more: %s)", expected.scenario(),
					Spans.describe(slowPath), this.lastTrace)
			.isEqualTo(expected.service());
		assertThat(expected.culprit().test(slowPath))
			.as("%s: the slow span is %s (%s)", expected.scenario(), expected.culpritText(), Spans.describe(slowPath))
			.isTrue();

		// the metric moves
		double metric = awaitMetric(expected, faultOn);
		assertThat(metric).as("%s: %s", expected.scenario(), expected.metricText())
			.isGreaterThanOrEqualTo(expected.metricThreshold());

		// the fix: with it on as well, the maximum falls back under 1 s
		switchOn(expected.scenario() + "-fix", expected.service());
		// what was already in flight with the fault (a recount that took its row locks
		// just before the fix came) may still be slow: the window starts once it drained
		long drained = this.watch.awaitDrained(System.currentTimeMillis(), DRAIN_WITHIN);
		long fixOn = System.currentTimeMillis();
		TimeUnit.MILLISECONDS.sleep(FIX_WINDOW.toMillis());
		long fixEnd = System.currentTimeMillis();
		this.watch.awaitAnswersOfCheckoutsStartedBefore(fixEnd);
		Latencies withFix = this.watch.latencies(fixOn, fixEnd);
		// by ten seconds, to tell a slow checkout with the fix (2.3 s once, in the
		// clean-clone run of 27ef577) from a slow window
		this.watch.printByTenSeconds(expected.scenario() + " with the fix", fixOn, fixEnd);

		this.figures.add(
				"%-24s max %5.0f ms  median %4.0f ms  %-60s  %s %.2f  fix: max %4.0f ms, %d checkouts (drained in %d s)"
					.formatted(expected.scenario(), withFault.max(), withFault.percentile(50),
							Spans.describe(List.of(culprit)), expected.metricText(), metric, withFix.max(), withFix.n(),
							drained));
		System.out.println("scenarios: " + this.figures.get(this.figures.size() - 1));
		assertThat(withFix.n()).as("checkouts with the fix").isGreaterThan(100);
		assertThat(withFix.max()).as("%s: max checkout latency with the fix (ms)", expected.scenario())
			.isLessThan(FIXED_BELOW_MS);

		assertThat(verdict.path("service").asString())
			.as("%s: the toolkit's service (%s)", expected.scenario(), verdict.path("summary").asString())
			.isEqualTo(expected.service());
		assertThat(verdict.path("cause").asString())
			.as("%s: the toolkit's cause class (%s; %s)", expected.scenario(), verdict.path("evidence"), seen)
			.isEqualTo(expected.causeClass());
		assertThat(named)
			.as("%s: the toolkit's SQL statement or code frame (%s; %s)", expected.scenario(), verdict.path("evidence"),
					seen)
			.contains(expected.verdictCulprit());
		assertThat(verdictSeconds).as("%s: seconds from the fault to the toolkit's verdict", expected.scenario())
			.isLessThan(VERDICT_WITHIN.toSeconds());
		// the page, after the measured windows (a browser is heavy for two cores)
		assertReportPageWorks(report, expected.scenario());
	}

	/**
	 * The report's page opens in a real browser without errors, with the verdict, the
	 * flame graphs and trace links that work; its screenshot goes to {@code target/}.
	 */
	private void assertReportPageWorks(JsonNode report, String scenario) throws Exception {
		String base = this.lab.url(LabTool.TOOLKIT) + "/reports/" + report.path("id").asString() + "/";

		Chromium.Page rendered = Chromium.open(base + "report.html",
				Path.of("target", "toolkit-report-" + scenario + ".png"));

		assertThat(rendered.consoleErrors()).as("%s: console errors of the report page", scenario).isEmpty();
		assertThat(rendered.dom()).as("%s: the report page", scenario)
			.contains("id=\"verdict\"", "id=\"cause\"", report.path("verdict").path("cause").asString())
			.contains("class=\"flamegraph\"");
		assertThat(rendered.screenshot()).isNotEmptyFile();
		assertThat(report.path("flameGraphs")).as("%s: flame graphs", scenario).isNotEmpty();
		for (JsonNode flameGraph : report.path("flameGraphs")) {
			HttpResponse<String> graph = this.client.fetch(base + flameGraph.path("file").asString());
			assertThat(graph.statusCode()).as("flame graph %s", flameGraph.path("file")).isEqualTo(200);
			assertThat(graph.body()).as("flame graph %s", flameGraph.path("file")).contains("<canvas");
		}
		// an alert about one service (a long GC pause) can come before any checkout is
		// slow: then the page says so, and has no slow trace to link
		if (report.path("traces").path("slowTraces").asInt() == 0) {
			assertThat(rendered.dom()).as("%s: the report page", scenario).contains("0 slow traces");
			return;
		}
		assertThat(rendered.dom()).as("%s: the report page", scenario).contains("class=\"trace-link\"");
		assertThat(report.path("traceLinks")).as("%s: trace links", scenario).isNotEmpty();
		for (JsonNode link : report.path("traceLinks")) {
			assertThat(rendered.dom()).contains(link.path("ui").asString());
			HttpResponse<String> trace = this.client.fetch(link.path("api").asString());
			assertThat(trace.statusCode()).as("trace %s", link.path("api")).isEqualTo(200);
			assertThat(trace.body()).contains(link.path("traceId").asString());
			assertThat(this.client.fetch(link.path("ui").asString()).statusCode()).as("trace page %s", link.path("ui"))
				.isEqualTo(200);
		}
	}

	/**
	 * What a wrong verdict is read against: the report's notes and, for the window's and
	 * the baseline's profiles, how much each weighs and its top frames.
	 */
	private static String whatTheReportSaw(JsonNode report) {
		List<String> parts = new ArrayList<>();
		report.path("notes").forEach((note) -> parts.add("note: " + note.asString()));
		for (JsonNode graph : report.path("flameGraphs")) {
			if (!"async-profiler".equals(graph.path("source").asString())) {
				parts.add("%s %s %s over %d s, weight %d, top %s".formatted(graph.path("service").asString(),
						graph.path("source").asString(), graph.path("mode").asString(), graph.path("seconds").asInt(),
						graph.path("weight").asLong(), graph.path("topFrames")));
			}
		}
		return String.join(" | ", parts);
	}

	private static long instant(JsonNode text) {
		return CheckoutWatch.instant(text);
	}

	private static String abbreviate(String text) {
		return (text.length() <= 70) ? text : text.substring(0, 67) + "...";
	}

	private void switchOn(String flag, String service) {
		HttpResponse<String> changed = this.client.admin(LabService.CHECKOUT, "PUT", "/admin/flags/" + flag,
				"{\"variant\": \"on\"}", this.lab.adminToken());
		assertThat(changed.statusCode()).as("switching %s on: %s", flag, changed.body()).isEqualTo(200);
		LabService owner = LabService.valueOf(service.replace("-service", "").toUpperCase());
		await(service + " sees " + flag).atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> assertThat(this.json
				.readTree(this.client.admin(owner, "GET", "/admin/flags/" + flag, null, this.lab.adminToken()).body())
				.path("evaluated")
				.asString()).isEqualTo("on"));
	}

	/**
	 * The path the time of the checkout went down: from the trace's root, into the
	 * longest child as long as it holds most of the checkout's time.
	 */
	private List<JsonNode> slowPath(CheckoutTraffic.Checkout checkout) {
		// a narrow time range: Zipkin's in-memory store searches every trace in it
		String query = "/api/v2/traces?limit=1&endTs=" + (checkout.startedAt() + (long) checkout.millis() + 5_000)
				+ "&lookback=" + ((long) checkout.millis() + 15_000) + "&annotationQuery="
				+ URLEncoder.encode("order.id=" + checkout.orderId(), StandardCharsets.UTF_8);
		List<JsonNode> path = new ArrayList<>();
		List<JsonNode> spans = new ArrayList<>();
		await("trace of order " + checkout.orderId() + " in Zipkin, the same in two reads")
			.atMost(Duration.ofSeconds(40))
			.pollInterval(Duration.ofSeconds(2))
			.ignoreExceptionsInstanceOf(IOException.class)
			.untilAsserted(() -> {
				JsonNode traces = this.client.zipkin(query);
				assertThat(traces).hasSize(1);
				int before = spans.size();
				spans.clear();
				traces.get(0).forEach(spans::add);
				// each service sends its spans on its own: a trace read while one of them
				// is still on its way ends in the wrong service
				assertThat(spans).as("spans, as many as in the read before").hasSize(before);
				path.clear();
				path.addAll(Spans.slowPath(traces.get(0)));
				assertThat(path).isNotEmpty();
			});
		this.lastTrace = Spans.describe(spans.stream().filter((span) -> Spans.micros(span) >= 100_000).toList());
		return path;
	}

	/**
	 * The scenario's metric since the fault went on, read again until it reaches its
	 * threshold: a gauge scraped every 5 s can miss the one spike of a short window (CI
	 * of 2026-12-06: no scrape saw a thread of fraud blocked in its one 5 s stall), and
	 * the fault, still on, gets its next spike to show it.
	 */
	private double awaitMetric(Expected expected, long faultOn) throws Exception {
		long until = System.currentTimeMillis() + METRIC_WITHIN.toMillis();
		double value = expected.metric().read(this, faultOn);
		while (value < expected.metricThreshold() && System.currentTimeMillis() < until) {
			System.out.printf("scenarios: %s: %s %.2f so far, below %.2f; the fault stays on%n", expected.scenario(),
					expected.metricText(), value, expected.metricThreshold());
			TimeUnit.SECONDS.sleep(2);
			value = expected.metric().read(this, faultOn);
		}
		return value;
	}

	double prometheusMax(String series, long since) throws IOException, InterruptedException {
		return this.client.prometheusMax(series, since);
	}

	/**
	 * CPU time a service's JVM used in the fault's window, a minute's worth: a counter,
	 * so no spell of CPU between two scrapes goes unseen (a gauge of the recent usage
	 * read 0.35 of the cores in one run and 0.45 in another for the same fault).
	 */
	double cpuSeconds(String service, long since) throws IOException, InterruptedException {
		long seconds = (this.faultEnd - since) / 1000;
		String query = "sum(increase(process_cpu_time_ns_total{application=\"" + service + "\"}[" + seconds
				+ "s])) * 60 / " + seconds + " / 1e9";
		double minute = this.client.prometheusValueAt(query, this.faultEnd);
		double before = this.client.prometheusValueAt(query, since);
		System.out.printf("scenarios: %s used %.1f CPU-seconds a minute in the fault's %d s, %.1f in the %d s before%n",
				service, minute, seconds, before, seconds);
		return minute;
	}

	/** The most sessions seen waiting on a lock in pg_stat_activity. */
	double maxLockWaiters(long since) {
		return this.database.stream()
			.filter((sample) -> sample.time() >= since)
			.mapToLong(DatabaseSample::lockWaiters)
			.max()
			.orElse(0);
	}

	/** Rows read by sequential scans of the stock ledger, from pg_stat_user_tables. */
	double sequentialRowsRead(long since) throws InterruptedException {
		// the statistics reach the view within a second or so of a statement's end
		TimeUnit.SECONDS.sleep(2);
		List<DatabaseSample> window = this.database.stream().filter((sample) -> sample.time() >= since).toList();
		return window.get(window.size() - 1).stockLedgerRowsScanned() - window.get(0).stockLedgerRowsScanned();
	}

	/**
	 * Samples the database's own statistics four times a second, as a person would watch
	 * them.
	 */
	private void sampleDatabase() {
		try (Connection connection = DriverManager.getConnection(this.lab.jdbcUrl(), "postgres", "postgres");
				Statement statement = connection.createStatement()) {
			while (!Thread.currentThread().isInterrupted()) {
				try (ResultSet rs = statement.executeQuery("""
						SELECT (SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'),
						       (SELECT coalesce(sum(seq_tup_read), 0) FROM pg_stat_user_tables
						         WHERE schemaname = 'inventory' AND relname = 'stock_movement')""")) {
					rs.next();
					this.database.add(new DatabaseSample(System.currentTimeMillis(), rs.getLong(1), rs.getLong(2)));
				}
				TimeUnit.MILLISECONDS.sleep(250);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record DatabaseSample(long time, long lockWaiters, long stockLedgerRowsScanned) {
	}

	@FunctionalInterface
	interface Metric {

		double read(ScenariosEndToEndIT test, long since) throws Exception;

	}

	/**
	 * What a scenario should show.
	 *
	 * @param scenario the scenario (its fix flag is the name with {@code -fix})
	 * @param service where the fault acts
	 * @param culpritText what the slow span should be, for messages
	 * @param culprit checks the slow path, from the root to the slow span
	 * @param metric reads the metric since the fault went on
	 * @param metricText what the metric is, for messages
	 * @param metricThreshold the least value the metric must reach
	 * @param causeClass the cause class the toolkit must name
	 * @param verdictCulprit what the toolkit's verdict must name: a part of the SQL
	 * statement, or of the code frame
	 */
	record Expected(String scenario, String service, String culpritText, Predicate<List<JsonNode>> culprit,
			Metric metric, String metricText, double metricThreshold, String causeClass, String verdictCulprit) {

		@Override
		public String toString() {
			return this.scenario;
		}

	}

}
