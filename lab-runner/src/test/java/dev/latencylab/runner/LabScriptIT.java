package dev.latencylab.runner;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.latencylab.kit.BlindDrill;
import dev.latencylab.kit.Scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lab as a person types it: the real {@code ./lab} script, each command line through
 * bash, in a fresh state folder on free ports: up, a healthy lab under load that raises
 * no alert and in which a diagnosis finds nothing slow, flags, loads, a capture, a blind
 * drill graded and revealed, a canary, down (nothing left, every port free), up again,
 * five minutes of chaos ending with a clean audit, and down after the lab's own process
 * was killed with {@code kill -9}. Last, every {@code ./lab} command line of the README,
 * the runbooks and the load tests' README must have been run here, or be listed below as
 * skipped, with why.
 *
 * <p>
 * Runs before the other end-to-end classes (their shared lab is not up yet), so that two
 * labs never compete for the two cores.
 */
@Order(1)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabScriptIT {

	/** What the documentation says to type, and is not run here. */
	private static final Map<String, String> SKIPPED = skipped();

	private static final List<String> DOCUMENTS = List.of("README.md", "runbooks", "load-tests/README.md",
			"traffic/README.md");

	private static final Duration UP_WITHIN = Duration.ofMinutes(8);

	private static final Duration QUICK = Duration.ofSeconds(60);

	/** What {@code ./lab diagnose} prints when nothing is slow. */
	private static final String NOTHING_SLOW = "Verdict: No cause: checkout is not slow";

	private static final Pattern BACK = Pattern.compile("chaos: (\\S+) healthy again after (\\d+) s");

	private static final List<String> CATALOGUE = Stream.of(Scenario.values())
		.flatMap((scenario) -> Stream.concat(Stream.of(scenario.flag(), scenario.fixFlag()),
				scenario.badFixFlag().stream()))
		.toList();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private LabScript lab;

	/** The blind drill's scenario, left on after it was revealed. */
	private Scenario drilled;

	private Path repository;

	private Path folder;

	@BeforeAll
	void freshState() throws IOException {
		this.repository = Path.of(System.getProperty("lab.repository", "..")).toAbsolutePath().normalize();
		this.folder = Files.createTempDirectory("lab-script-");
		this.lab = new LabScript(this.repository, this.folder.resolve("state"), LabPorts.free());
	}

	/**
	 * A test that failed half-way leaves no load or followed log running into the next
	 * one: a load left over doubles the next test's traffic.
	 */
	@AfterEach
	void noBackground() {
		this.lab.stopBackground();
	}

	@AfterAll
	void nothingLeft() {
		this.lab.stopBackground();
		if (Files.exists(this.lab.state().resolve("lab.pid"))) {
			this.lab.run("./lab down", Duration.ofMinutes(2));
		}
		if (!Files.exists(this.lab.state().resolve("lab.pid")) && !Files.exists(this.lab.state().resolve("pids"))) {
			// the lab is down: its database (300 MB) goes; a lab still up keeps it
			TestFolders.delete(this.folder);
		}
	}

	@Test
	@Order(1)
	void shouldHelpWithoutARunningLab() {
		assertThat(this.lab.ok("./lab help", QUICK).output()).contains("up", "demo", "answer", "canary", "down");
		assertThat(this.lab.ok("./lab", QUICK).output()).contains("Commands:");
		assertThat(this.lab.ok("./lab fault --help", QUICK).output()).contains("Usage: ./lab fault", "NAME");
		assertThat(this.lab.ok("./lab scenarios", QUICK).output()).contains(CATALOGUE.get(0), "slow-downstream");

		LabScript.Run status = this.lab.run("./lab status", QUICK);

		assertThat(status.exit()).isEqualTo(3);
		assertThat(status.output()).contains("not running");
		LabScript.Run noLab = this.lab.run("./lab fault inventory-row-lock on", QUICK);
		assertThat(noLab.exit()).isEqualTo(1);
		assertThat(noLab.output()).contains("./lab up first");
		LabScript.Run noAudit = this.lab.run("./lab audit", QUICK);
		assertThat(noAudit.exit()).isEqualTo(3);
		assertThat(noAudit.output()).contains("not running");
	}

	/**
	 * Five minutes of {@code ./lab load} right after {@code up}, while a person tries the
	 * commands that change nothing a checkout depends on, load-tests the lab with Gatling
	 * and profiles a service: no alert, pending or firing, no report of the toolkit but
	 * the one asked for, and that diagnosis of a minute of the healthy load names no
	 * cause.
	 */
	@Test
	@Order(2)
	void shouldStartWarmAndFireNoAlertUnderLoad() throws Exception {
		LabScript.Run up = this.lab.ok("./lab up", UP_WITHIN);
		assertThat(up.output()).contains("warmed up", "ready after", "try a checkout");
		long loadStarted = System.currentTimeMillis();
		Process load = this.lab.start("./lab load --rate 4 --duration 300");

		assertThat(this.lab.ok("./lab status", QUICK).output()).contains("UP").doesNotContain("DOWN");
		assertThat(this.lab.ok("./lab flags", QUICK).output()).contains("checkout-resilience", "inventory-row-lock");
		assertThat(this.lab.ok("./lab fix inventory-row-lock 10%", QUICK).output())
			.contains("inventory-row-lock-fix is now 10% of orders on");
		assertThat(this.lab.ok("./lab fix inventory-row-lock off", QUICK).output())
			.contains("every service evaluates it so");
		assertThat(this.lab.ok("./lab flag checkout-resilience on", QUICK).output())
			.contains("checkout-resilience is now on", "every service evaluates it so");
		this.lab.ok("./lab flag checkout-resilience off", QUICK);
		assertThat(this.lab.ok("./lab load --duration 20", QUICK).output()).containsPattern("load: \\d+ answers");
		for (String service : List.of("checkout-service", "payment-service")) {
			Process logs = this.lab.start("./lab logs " + service);
			assertThat(this.lab.awaitOutput(logs, (text) -> text.contains("trace_id="), QUICK)).contains(service);
		}
		LabScript.Run build = this.lab.run("./lab build", QUICK);
		assertThat(build.exit()).as("./lab build while the lab runs").isEqualTo(1);
		assertThat(build.output()).contains("./lab down first");
		assertThat(this.lab.ok("./lab reports", QUICK).output()).contains("No reports yet");
		assertGatlingAndCapturesWork();
		// a minute of the load, whatever its latencies were: whether anything was slow is
		// the toolkit's to say, by the alert's own threshold
		TimeUnit.MILLISECONDS.sleep(Math.max(0, loadStarted + 75_000 - System.currentTimeMillis()));
		LabScript.Run diagnosis = this.lab.ok("./lab diagnose --since 1m", Duration.ofMinutes(3));
		assertThat(diagnosis.output()).as("a diagnosis of a minute of a healthy lab")
			.contains(NOTHING_SLOW, "Evidence:", "Report: http://");
		assertThat(this.lab.ok("./lab reports", QUICK).output()).contains("on-demand");
		assertThat(load.waitFor(7, TimeUnit.MINUTES)).as("the 5-minute load ended").isTrue();
		long loadEnded = System.currentTimeMillis();

		assertThat(load.exitValue()).isZero();
		assertThat(this.lab.output(load)).contains("answers").doesNotContain("no answers");
		JsonNode alerts = prometheus("/api/v1/query?query="
				+ encode("count_over_time(ALERTS[" + ((loadEnded - loadStarted) / 1000 + 30) + "s])"));
		assertThat(alerts.path("data").path("result")).as("alerts pending or firing during the load: %s", alerts)
			.isEmpty();
		assertThat(json(url("alertmanager") + "/api/v2/alerts")).as("alerts in Alertmanager").isEmpty();
		List<String> triggers = new ArrayList<>();
		json(url("toolkit") + "/api/reports").forEach((report) -> triggers.add(report.path("trigger").asString()));
		assertThat(triggers).as("reports of the toolkit").containsExactly("on-demand");
	}

	/** A Gatling run and profiles, as a person would try them on a healthy lab. */
	private void assertGatlingAndCapturesWork() throws IOException, InterruptedException {
		LabScript.Run steady = this.lab.ok("./lab load steady --duration 20", Duration.ofMinutes(5));
		assertThat(steady.output()).contains("SteadyCheckoutSimulation", "lab: report: ");

		LabScript.Run capture = this.lab.ok("./lab capture payment-service --mode wall --seconds 5", QUICK);
		LabScript.Run twoModes = this.lab.ok("./lab capture payment-service --mode wall,lock --seconds 15", QUICK);

		assertThat(capture.output()).contains("wall: http://");
		assertThat(twoModes.output()).contains("wall: http://", "lock: http://");
		assertThat(fetch(capture.output()
			.lines()
			.filter((line) -> line.startsWith("wall: "))
			.findFirst()
			.orElseThrow()
			.substring(6)).statusCode()).as("the flame graph page").isEqualTo(200);
	}

	@Test
	@Order(3)
	void shouldSwitchFaultsThroughTheFlagsFileEveryServiceReads() throws Exception {
		assertThat(this.lab.ok("./lab fault inventory-row-lock on", QUICK).output())
			.contains("inventory-row-lock is now on", "every service evaluates it so");
		assertThat(flag("inventory-service", "inventory-row-lock")).isEqualTo("on");
		assertThat(flag("payment-service", "inventory-row-lock")).isEqualTo("on");
		this.lab.ok("./lab fault inventory-row-lock off", QUICK);
		assertThat(flag("inventory-service", "inventory-row-lock")).isEqualTo("off");
		// no checkout runs now: on and off again, the slow network slows nothing
		this.lab.ok("./lab fault payment-slow-network on", QUICK);
		assertThat(flag("payment-service", "payment-slow-network")).isEqualTo("on");
		this.lab.ok("./lab fault payment-slow-network off", QUICK);

		LabScript.Run unknown = this.lab.run("./lab fault no-such-scenario on", QUICK);
		LabScript.Run badShare = this.lab.run("./lab fix inventory-row-lock 150%", QUICK);

		assertThat(unknown.exit()).isEqualTo(1);
		assertThat(unknown.output()).contains("no scenario 'no-such-scenario'; there are inventory-row-lock");
		assertThat(badShare.exit()).isEqualTo(1);
		assertThat(badShare.output()).contains("150%");
		assertThat(Files.list(this.lab.state().resolve("flags")).map(Path::getFileName).map(Path::toString))
			.as("one atomic write per switch: no temporary file left")
			.containsOnly("flags.json", ".flags.json.lock");
	}

	/**
	 * A blind drill: the spike comes, the toolkit reports it, and nothing a person looks
	 * at names the scenario, until a right answer reveals it.
	 */
	@Test
	@Order(4)
	void shouldRunABlindDrillGradeItAndRevealIt() throws Exception {
		Map<String, Long> logSizes = logSizes();
		long started = System.currentTimeMillis();

		LabScript.Run demo = this.lab.ok("./lab demo --blind", QUICK);

		// from when every service reads the drill's key (demo waits for that) and
		// Prometheus
		// has scraped since: requests served before a service read the new file count
		// under the flags' names, off
		awaitScrapedAfter(System.currentTimeMillis());
		Map<String, Double> namedEvaluations = evaluationsByName();

		JsonNode drill = this.json.readTree(this.lab.state().resolve("drill.json").toFile());
		String key = drill.path("key").asString();
		Scenario scenario = Stream.of(Scenario.values())
			.filter((each) -> each.flag().equals(BlindDrill.revealed(key).get(drill.path("fault").asString())))
			.findFirst()
			.orElseThrow();
		System.out.println("lab-script: the drill's scenario is " + scenario.flag());
		this.drilled = scenario;
		assertThat(demo.output()).contains("background load").doesNotContain(scenario.flag());
		Process load = this.lab.start("./lab logs load");
		assertThat(this.lab.awaitOutput(load, (text) -> text.contains("answers"), QUICK)).contains("load: ");
		JsonNode report = awaitAlertReportAfter(started);
		assertThat(this.lab.ok("./lab flags", QUICK).output()).doesNotContain(scenario.flag()).contains("hidden");
		String seen = report + " " + newLogLines(logSizes) + " " + recentSpans(started) + " "
				+ json(url("alertmanager") + "/api/v2/alerts");
		for (String name : CATALOGUE) {
			assertThat(seen).as("what a person looks at during the drill names %s", name).doesNotContain(name);
		}
		assertThat(seen).as("the fault's opaque id").contains(drill.path("fault").asString());
		assertThat(evaluationsByName()).as("evaluations recorded under a catalogue name during the drill")
			.isEqualTo(namedEvaluations);
		String runbook = json(url("alertmanager") + "/api/v2/alerts").get(0)
			.path("annotations")
			.path("runbook_url")
			.asString();
		Chromium.Page page = Chromium.open(runbook, Path.of("target", "lab-script-runbook.png"));
		assertThat(page.consoleErrors()).isEmpty();
		assertThat(page.dom()).contains("<h1");
		if (runbook.contains("#")) {
			assertThat(page.dom()).as("the anchor of %s", runbook)
				.contains("id=\"" + runbook.replaceAll(".*#", "") + "\"");
		}
		assertThat(this.lab.ok("./lab diagnose --since 2m", Duration.ofMinutes(3)).output()).contains("Verdict:");
		assertThat(this.lab.ok("./lab reports", QUICK).output()).contains(report.path("id").asString(),
				report.path("trigger").path("alert").asString());

		String wrongService = (scenario.service().equals("payment-service")) ? "fraud-service" : "payment-service";
		LabScript.Run wrong = this.lab.run("./lab answer " + wrongService + " " + scenario.causeClass(), QUICK);
		LabScript.Run right = this.lab.run("./lab answer " + scenario.service() + " " + scenario.causeClass(), QUICK);

		assertThat(wrong.exit()).isEqualTo(1);
		assertThat(wrong.output()).contains("the service is wrong, the cause class is right")
			.doesNotContain(scenario.flag());
		assertThat(right.exit()).isZero();
		assertThat(right.output()).contains("right: " + scenario.service(), "after the fault went on", "at try 2",
				"the scenario was " + scenario.flag());
		assertThat(this.lab.ok("./lab reveal", QUICK).output()).contains("the scenario was " + scenario.flag());
		assertThat(this.lab.ok("./lab flags", QUICK).output()).contains(scenario.flag());
	}

	@Test
	@Order(5)
	void shouldCanaryAFixAndGiveAVerdict() {
		assertThat(this.lab.ok("./lab canary inventory-slow-query-fix --percent 10", QUICK).output())
			.contains("inventory-slow-query-fix is now 10% of orders on");

		LabScript.Run verdict = this.lab.run("./lab canary inventory-slow-query-fix --since 2m", Duration.ofMinutes(3));

		assertThat(verdict.exit()).as("0 PROMOTE, 2 ROLLBACK, 3 INCONCLUSIVE").isIn(0, 2, 3);
		assertThat(verdict.output())
			.containsPattern("Canary of inventory-slow-query-fix over the last 2m: (PROMOTE|ROLLBACK|INCONCLUSIVE)")
			.contains("fix", "no fix");
		assertThat(this.lab.ok("./lab canary inventory-slow-query-fix --percent 50", QUICK).output())
			.contains("inventory-slow-query-fix is now 50% of orders on");
		assertThat(this.lab.ok("./lab canary inventory-slow-query-fix --percent 100", QUICK).output())
			.contains("inventory-slow-query-fix is now 100% of orders on");
		assertThat(this.lab.ok("./lab canary inventory-slow-query-fix --percent 0", QUICK).output())
			.contains("inventory-slow-query-fix is now off");

		// after every load, fault, drill and canary of this lab: the data still add up
		LabScript.Run audit = this.lab.run("./lab audit", QUICK);
		assertThat(audit.exit()).as("./lab audit: %s", audit.output()).isZero();
		assertThat(audit.output()).contains("stock-balance", "ledger-matches-payments", "audit: clean");
	}

	/**
	 * {@code down} leaves nothing: no process the lab recorded, no port taken; then
	 * {@code up} works again over the kept data.
	 */
	@Test
	@Order(6)
	void shouldStopEverythingAndStartAgainOverTheKeptData() throws Exception {
		// a load a person left running in another terminal ends with the lab, rather
		// than failing every checkout until its ten minutes are up
		Process load = this.lab.start("./lab load --rate 2 --duration 600");
		assertThat(this.lab.awaitOutput(load, (out) -> out.contains("load: 2.0 checkouts a second"), QUICK))
			.contains("load: 2.0 checkouts a second");

		assertStopsEverything("./lab down");

		assertThat(load.waitFor(20, TimeUnit.SECONDS))
			.as("./lab load still running 20 s after ./lab down:%n%s", this.lab.output(load))
			.isTrue();
		assertThat(this.lab.output(load)).contains("load: stopped early: the lab went down (./lab down)");
		assertThat(load.exitValue()).isZero();

		LabScript.Run again = this.lab.ok("./lab up", UP_WITHIN);

		if (this.drilled != null) {
			assertThat(again.output()).as("a fault kept from before the restart")
				.contains("still on from before: " + this.drilled.flag());
			assertThat(this.lab.ok("./lab fault " + this.drilled.flag() + " off", QUICK).output())
				.contains(this.drilled.flag() + " is now off");
		}
	}

	/**
	 * Five minutes of {@code ./lab chaos} on the restarted lab: every service and the
	 * gateway killed with {@code kill -9} and PostgreSQL shut down at once under load;
	 * the lab's supervisor starts each again, checkout's recovery job ends the checkouts
	 * the kills interrupted, and the audit is clean after.
	 */
	@Test
	@Order(7)
	void shouldRecoverFromKillsOfEveryPartAndAPostgresRestartUnderLoadWithAuditClean() {
		LabScript.Run chaos = this.lab.run("./lab chaos --minutes 5 --seed 7", Duration.ofMinutes(12));

		assertThat(chaos.exit()).as("./lab chaos: %s", chaos.output()).isZero();
		assertThat(chaos.output()).contains("chaos: 5 kills, 1 PostgreSQL restarts", "chaos: recovered",
				"chaos: orders by final status", "chaos: compensated by the saga", "chaos: ended by the recovery job",
				"chaos: late authorizations of failed orders voided", "no-hold-for-a-failed-order", "audit: clean");
		Matcher back = BACK.matcher(chaos.output());
		Set<String> returned = new TreeSet<>();
		while (back.find()) {
			returned.add(back.group(1));
		}
		assertThat(returned).as("parts that came back after a kill or a restart")
			.contains("gateway", "checkout-service", "inventory-service", "payment-service", "fraud-service",
					"postgresql");
	}

	/**
	 * {@code down} still stops everything when the lab's own process was killed with
	 * {@code kill -9} while a scenario and its background load ran.
	 */
	@Test
	@Order(8)
	void shouldStopEverythingEvenAfterKillMinus9() throws Exception {
		assertThat(this.lab.ok("./lab demo --scenario inventory-row-lock", QUICK).output())
			.contains("inventory-row-lock is on", "background load");
		long supervisor = LabState.records(this.lab.state().resolve("lab.pid")).get(0).pid();
		ProcessHandle killed = ProcessHandle.of(supervisor).orElseThrow();
		// kill -9: the supervisor gets no chance to stop its parts
		killed.destroyForcibly();
		killed.onExit().get();

		assertThat(this.lab.run("./lab status", QUICK).output()).contains("of its processes are left");
		assertStopsEverything("./lab down");
	}

	@Test
	@Order(9)
	void shouldHaveRunEveryDocumentedCommand() {
		Map<String, List<String>> documented = DocumentedCommands.in(this.repository, DOCUMENTS);
		List<String> missed = new ArrayList<>();
		documented.forEach((command, where) -> {
			if (!SKIPPED.containsKey(command) && !DocumentedCommands.covered(command, this.lab.ran())) {
				missed.add(command + "  (" + String.join(", ", where) + ")");
			}
		});
		System.out.println("lab-script: documented commands: " + documented.size() + ", run: "
				+ (documented.size() - SKIPPED.size() - missed.size()) + ", skipped: " + SKIPPED.size());
		SKIPPED.forEach((command, why) -> System.out.println("lab-script: skipped '" + command + "': " + why));

		assertThat(missed).as("documented ./lab commands neither run by this test nor skipped with a reason").isEmpty();
		assertThat(SKIPPED.keySet()).as("skipped commands the documents no longer have")
			.allMatch(documented::containsKey);
	}

	private void assertStopsEverything(String down) throws IOException {
		Path state = this.lab.state();
		List<LabState.Record> processes = new ArrayList<>(LabState.records(state.resolve("pids")));
		processes.addAll(LabState.records(state.resolve("lab.pid")));
		processes.addAll(LabState.records(state.resolve("load.pid")));
		Map<String, Integer> ports = new LabState(state).ports();
		assertThat(processes).as("recorded processes").hasSizeGreaterThanOrEqualTo(10);
		// every application and tool, and PostgreSQL
		assertThat(ports).as("recorded ports").hasSize(LabService.values().length + LabTool.values().length + 1);

		LabScript.Run stopped = this.lab.ok(down, Duration.ofMinutes(3));

		assertThat(stopped.output()).contains("every port is free");
		for (LabState.Record process : processes) {
			assertThat(ProcessHandle.of(process.pid()).filter(ProcessHandle::isAlive))
				.as("%s (pid %d) after %s", process.name(), process.pid(), down)
				.isEmpty();
		}
		ports.forEach((part, port) -> assertThat(LabProcesses.isFree(port)).as("port %d (%s)", port, part).isTrue());
		assertThat(this.lab.run("./lab status", QUICK).exit()).isEqualTo(3);
	}

	/** The report the toolkit wrote on an alert received after the time. */
	private JsonNode awaitAlertReportAfter(long time) {
		JsonNode[] found = new JsonNode[1];
		await("a report of the toolkit on the drill's alert").atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofSeconds(2))
			.ignoreExceptionsInstanceOf(IOException.class)
			.until(() -> {
				for (JsonNode summary : json(url("toolkit") + "/api/reports")) {
					if (!"on-demand".equals(summary.path("trigger").asString())
							&& Instant.parse(summary.path("receivedAt").asString()).toEpochMilli() > time) {
						found[0] = json(url("toolkit") + "/api/reports/" + summary.path("id").asString());
					}
				}
				return found[0] != null;
			});
		return found[0];
	}

	/** Checkouts' traces since the time, as Zipkin shows them. */
	private String recentSpans(long since) throws IOException, InterruptedException {
		long now = System.currentTimeMillis();
		StringBuilder spans = new StringBuilder();
		for (String service : List.of("checkout-service", "inventory-service", "payment-service", "fraud-service")) {
			spans.append(fetch(url("zipkin") + "/api/v2/traces?serviceName=" + service + "&limit=40&endTs=" + now
					+ "&lookback=" + (now - since))
				.body());
		}
		return spans.toString();
	}

	/** Waits until Prometheus has scraped every application after the time. */
	private void awaitScrapedAfter(long time) {
		await("a scrape of every application").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofSeconds(1))
			.ignoreExceptionsInstanceOf(IOException.class)
			.until(() -> prometheus("/api/v1/query?query=" + encode("min(timestamp(up{job=~\".*-service|gateway\"}))"))
				.path("data")
				.path("result")
				.path(0)
				.path("value")
				.path(1)
				.asDouble() * 1000 > time);
	}

	/** Every flag evaluation counted under a catalogue flag's own name, by series. */
	private Map<String, Double> evaluationsByName() throws IOException, InterruptedException {
		Map<String, Double> series = new LinkedHashMap<>();
		JsonNode result = prometheus("/api/v1/query?query="
				+ encode("lab_flag_evaluations_total{flag=~\"" + String.join("|", CATALOGUE) + "\"}"))
			.path("data")
			.path("result");
		for (JsonNode each : result) {
			series.put(each.path("metric").toString(), each.path("value").get(1).asDouble());
		}
		return series;
	}

	private Map<String, Long> logSizes() throws IOException {
		Map<String, Long> sizes = new LinkedHashMap<>();
		try (Stream<Path> logs = Files.list(this.lab.state().resolve("logs"))) {
			for (Path log : logs.toList()) {
				sizes.put(log.getFileName().toString(), Files.size(log));
			}
		}
		return sizes;
	}

	private String newLogLines(Map<String, Long> before) throws IOException {
		StringBuilder lines = new StringBuilder();
		try (Stream<Path> logs = Files.list(this.lab.state().resolve("logs"))) {
			for (Path log : logs.toList()) {
				byte[] all = Files.readAllBytes(log);
				int from = (int) Math.min(all.length, before.getOrDefault(log.getFileName().toString(), 0L));
				lines.append(new String(Arrays.copyOfRange(all, from, all.length), StandardCharsets.UTF_8));
			}
		}
		return lines.toString();
	}

	private String flag(String service, String flag) throws IOException, InterruptedException {
		String token = Files.readString(this.lab.state().resolve("admin-token")).trim();
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create(url(service) + "/admin/flags/" + flag))
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.ofString());
		return this.json.readTree(response.body()).path("evaluated").asString();
	}

	private JsonNode prometheus(String path) throws IOException, InterruptedException {
		return json(url("prometheus") + path);
	}

	private JsonNode json(String url) throws IOException, InterruptedException {
		return this.json.readTree(fetch(url).body());
	}

	private HttpResponse<String> fetch(String url) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private String url(String part) {
		return new LabState(this.lab.state()).urls().get(part);
	}

	private static String encode(String query) {
		return URLEncoder.encode(query, StandardCharsets.UTF_8);
	}

	private static Map<String, String> skipped() {
		Map<String, String> skipped = new LinkedHashMap<>();
		skipped.put("./lab bench",
				"starts a second, throw-away lab for minutes; its figures are docs/benchmarks.md's, by that command");
		skipped.put("./lab load canary --rate 6", "Gatling's canary simulation for its default 10 minutes: "
				+ "CanaryEndToEndIT runs it at 6/s while a fix goes from 10 to 100 %");
		skipped.put("./lab load canary --rate 8 --duration 600",
				"10 minutes of Gatling's canary simulation; CanaryEndToEndIT runs it");
		skipped.put("./lab load steady --rate 10 --duration 120",
				"2 minutes of the steady simulation; it runs here as ./lab load steady --duration 20");
		skipped.put("./lab load spike", "30 minutes of Gatling's spike hunt");
		skipped.put("./lab load --rate 60 --duration 60", "a minute at three times the knee; OverloadEndToEndIT runs "
				+ "it as typed on the shared lab (with --gateway naming its gateway) and asserts the shed share, the "
				+ "admitted p99 and the recovery");
		skipped.put("./lab chaos --minutes 10 --seed 7",
				"the documented long run; this test runs ./lab chaos --minutes 5 --seed 7 as typed");
		skipped.put("./lab load stress -DstartRate=2 -DstepRate=2 -Dsteps=10 -DstepDuration=30",
				"5 minutes of rising load to the lab's knee; a benchmark, not a check");
		skipped.put("./lab load steady --rate 10 -DbaseUrl=http://localhost:8080",
				"aims at docker compose's gateway, and no Docker engine runs here");
		return skipped;
	}

}
