package dev.latencylab.checks.alerts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import dev.latencylab.checks.LabRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The Prometheus rules under {@code observability/prometheus/rules}, their promtool unit
 * tests, the Alertmanager configurations and the runbooks the alerts link to (pages the
 * diagnosis toolkit serves at the address each lab's Prometheus gives as its external
 * label {@code docs_url}: the runbook's file must exist, and so must its anchor). Runs
 * the real {@code promtool} and {@code amtool} (Debian packages {@code prometheus} and
 * {@code prometheus-alertmanager}); a missing tool fails the test rather than skipping
 * it.
 */
class PrometheusRulesTest {

	private static final Path REPOSITORY = LabRepository.root();

	private static final Path RULES = REPOSITORY.resolve("observability/prometheus/rules");

	private static final Path RULE_TESTS = REPOSITORY.resolve("observability/prometheus/tests");

	private static final Path ALERTMANAGER = REPOSITORY.resolve("observability/alertmanager");

	private static final Path RUNBOOKS = REPOSITORY.resolve("runbooks");

	private static final Path TELEMETRY_DOCS = REPOSITORY.resolve("docs/telemetry.md");

	private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

	private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

	/** The first expected sample value of a promql_expr_test. */
	private static final Pattern EXPECTED_VALUE = Pattern.compile("(?m)^(\\s+value:\\s*)(\\S+)\\s*$");

	/** The first expected severity of an alert_rule_test. */
	private static final Pattern EXPECTED_SEVERITY = Pattern.compile("(?m)^(\\s+severity:\\s*)(\\S+)\\s*$");

	/**
	 * What every alert's runbook_url is: the toolkit's documents (an external label, so
	 * one rules file serves both labs), a runbook's path in the repository, maybe an
	 * anchor.
	 */
	private static final Pattern RUNBOOK_URL = Pattern
		.compile("\\{\\{ \\$externalLabels\\.docs_url }}/(?<path>runbooks/[^#\\s]+\\.md)(?:#(?<anchor>\\S+))?");

	@Test
	void shouldPassPromtoolCheckRules() throws Exception {
		List<String> command = new ArrayList<>(
				List.of(Tools.find("promtool", "prometheus").toString(), "check", "rules"));
		command.addAll(relativeToRepository(yamlFiles(RULES)));

		Tools.Result result = Tools.run(REPOSITORY, command);

		Tools.assertSucceeded(result);
	}

	@Test
	void shouldPassEveryPromtoolRuleUnitTest() throws Exception {
		List<String> command = new ArrayList<>(
				List.of(Tools.find("promtool", "prometheus").toString(), "test", "rules"));
		command.addAll(relativeToRepository(yamlFiles(RULE_TESTS)));

		Tools.Result result = Tools.run(REPOSITORY, command);

		Tools.assertSucceeded(result);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "a recording rule's expected value, value", "an alert's expected severity, severity" })
	void shouldFailPromtoolWhenARuleTestExpectsTheWrongThing(String what, String field, @TempDir Path temp)
			throws Exception {
		copyDirectory(RULES, temp.resolve("rules"));
		Path tests = copyDirectory(RULE_TESTS, temp.resolve("tests"));
		List<String> command = new ArrayList<>(
				List.of(Tools.find("promtool", "prometheus").toString(), "test", "rules"));
		command.addAll(yamlFiles(tests).stream().map(Path::toString).toList());
		Tools.assertSucceeded(Tools.run(temp, command));

		breakFirstExpectation(tests, ("value".equals(field)) ? EXPECTED_VALUE : EXPECTED_SEVERITY,
				("value".equals(field)) ? "424242" : "informational");
		Tools.Result result = Tools.run(temp, command);

		assertThat(result.exitCode())
			.withFailMessage("promtool test rules passed although %s was broken:%n%s", what, result.output())
			.isNotZero();
		assertThat(result.output()).contains("FAILED");
	}

	@Test
	void shouldDefineExactlyTheRecordingRulesAndAlertsOfTheTelemetryContract() throws Exception {
		List<Map<String, Object>> rules = rules();
		List<String> records = rules.stream().filter((rule) -> rule.containsKey("record")).map(this::name).toList();
		List<String> alerts = rules.stream().filter((rule) -> rule.containsKey("alert")).map(this::name).toList();

		assertThat(records).as("recording rules in %s", RULES)
			.containsExactlyInAnyOrderElementsOf(contractNames("## Recording rules", true));
		assertThat(alerts).as("alerts in %s", RULES)
			.containsExactlyInAnyOrderElementsOf(contractNames("## Alerts", false));
	}

	@Test
	void shouldEvaluateEveryGroupEveryFiveSecondsAndLeaveActuatorEndpointsOut() throws Exception {
		for (Path file : yamlFiles(RULES)) {
			for (Map<String, Object> group : list(load(file).get("groups"))) {
				assertThat(group.get("interval")).as("interval of group %s in %s", group.get("name"), file)
					.isEqualTo("5s");
			}
		}
		for (Map<String, Object> rule : rules()) {
			String expr = String.valueOf(rule.get("expr"));
			if (rule.containsKey("record") && expr.contains("http_server_requests")) {
				// the window its name says: half a minute for _30s, else a minute
				String window = name(rule).endsWith("_30s") ? "[30s]" : "[1m]";
				assertThat(expr).as("expression of %s", name(rule)).contains("uri!~\"/actuator.*\"").contains(window);
			}
		}
	}

	@Test
	void shouldGiveEveryAlertItsLabelsAnnotationsAndAnExistingRunbook() throws Exception {
		List<Map<String, Object>> alerts = rules().stream().filter((rule) -> rule.containsKey("alert")).toList();

		assertThat(alerts).isNotEmpty();
		for (Map<String, Object> alert : alerts) {
			String name = name(alert);
			Map<String, Object> labels = map(alert.get("labels"));
			Map<String, Object> annotations = map(alert.get("annotations"));
			assertThat(labels).as("labels of %s", name).containsKeys("severity", "service");
			assertThat(String.valueOf(labels.get("severity"))).as("severity of %s", name).isIn("critical", "warning");
			assertThat(String.valueOf(labels.get("service"))).as("service of %s", name).isNotBlank();
			assertThat(annotations).as("annotations of %s", name).containsKeys("summary", "description", "runbook_url");
			assertThat(String.valueOf(annotations.get("summary"))).as("summary of %s", name).isNotBlank();
			assertThat(String.valueOf(annotations.get("description"))).as("description of %s (with the numbers)", name)
				.contains("$value");
			String runbookUrl = String.valueOf(annotations.get("runbook_url"));
			Matcher runbook = RUNBOOK_URL.matcher(runbookUrl);
			assertThat(runbook.matches())
				.withFailMessage(
						"runbook_url of %s is %s, not {{ $externalLabels.docs_url }}/runbooks/<file>.md[#anchor]", name,
						runbookUrl)
				.isTrue();
			Path file = REPOSITORY.resolve(runbook.group("path"));
			assertThat(file).as("runbook of %s", name).isRegularFile();
			if (runbook.group("anchor") != null) {
				assertThat(MarkdownHeadings.ids(file))
					.as("headings of %s, which the runbook_url of %s names", file, name)
					.contains(runbook.group("anchor"));
			}
		}
	}

	@Test
	void shouldGiveBothLabsTheToolkitsDocumentsAddressForTheRunbookUrls() throws Exception {
		Map<String, Object> lab = map(
				load(REPOSITORY.resolve("observability/prometheus/prometheus-lab.yml")).get("global"));
		Map<String, Object> compose = map(
				load(REPOSITORY.resolve("observability/prometheus/prometheus-compose.yml")).get("global"));

		// lab-runner fills in ${toolkit} with the local toolkit's address; compose's
		// address for the host's browser is checked by the compose rule
		// docs-url-follows-toolkit-port
		assertThat(map(lab.get("external_labels"))).containsEntry("docs_url", "http://${toolkit}/docs");
		assertThat(String.valueOf(map(compose.get("external_labels")).get("docs_url"))).startsWith("http://localhost:")
			.endsWith("/docs");
	}

	@Test
	void shouldListEveryAlertAndItsRunbookInTheRunbookIndex() throws Exception {
		String index = Files.readString(RUNBOOKS.resolve("README.md"));

		for (Map<String, Object> alert : rules().stream().filter((rule) -> rule.containsKey("alert")).toList()) {
			Matcher url = RUNBOOK_URL.matcher(String.valueOf(map(alert.get("annotations")).get("runbook_url")));
			assertThat(url.matches()).as("runbook_url of %s", name(alert)).isTrue();
			String runbook = Path.of(url.group("path")).getFileName().toString();
			assertThat(index.contains("`" + name(alert) + "`") && index.contains("(" + runbook + ")"))
				.withFailMessage("runbooks/README.md does not list %s with a link to %s", name(alert), runbook)
				.isTrue();
		}
	}

	@Test
	void shouldCoverEveryRecordingRuleAndAlertWithAUnitTest() throws Exception {
		Set<String> testedExpressionNames = new TreeSet<>();
		Set<String> firingAlerts = new TreeSet<>();
		Set<String> quietAlerts = new TreeSet<>();
		Set<Path> loadedRuleFiles = new TreeSet<>();
		for (Path file : yamlFiles(RULE_TESTS)) {
			Map<String, Object> suite = load(file);
			for (Object ruleFile : (List<?>) suite.getOrDefault("rule_files", List.of())) {
				loadedRuleFiles.add(file.getParent().resolve(String.valueOf(ruleFile)).normalize());
			}
			for (Map<String, Object> test : list(suite.get("tests"))) {
				for (Map<String, Object> exprTest : list(test.getOrDefault("promql_expr_test", List.of()))) {
					Matcher names = METRIC_NAME.matcher(String.valueOf(exprTest.get("expr")));
					while (names.find()) {
						testedExpressionNames.add(names.group());
					}
				}
				for (Map<String, Object> alertTest : list(test.getOrDefault("alert_rule_test", List.of()))) {
					String alertname = String.valueOf(alertTest.get("alertname"));
					boolean firing = !((List<?>) alertTest.getOrDefault("exp_alerts", List.of())).isEmpty();
					(firing ? firingAlerts : quietAlerts).add(alertname);
				}
			}
		}
		List<Map<String, Object>> rules = rules();
		List<String> records = rules.stream().filter((rule) -> rule.containsKey("record")).map(this::name).toList();
		List<String> alerts = rules.stream().filter((rule) -> rule.containsKey("alert")).map(this::name).toList();

		assertThat(loadedRuleFiles).as("rule files loaded by the tests in %s", RULE_TESTS)
			.containsAll(yamlFiles(RULES));
		assertThat(testedExpressionNames).as("recording rules evaluated by a promql_expr_test").containsAll(records);
		assertThat(firingAlerts).as("alerts tested firing by an alert_rule_test").containsAll(alerts);
		assertThat(quietAlerts).as("alerts tested not firing by an alert_rule_test").containsAll(alerts);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "alertmanager-lab.yml", "alertmanager-compose.yml" })
	void shouldPassAmtoolCheckConfig(String file) throws Exception {
		Tools.Result result = Tools.run(REPOSITORY, List.of(Tools.find("amtool", "prometheus-alertmanager").toString(),
				"check-config", REPOSITORY.relativize(ALERTMANAGER.resolve(file)).toString()));

		Tools.assertSucceeded(result);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "alertmanager-lab.yml, http://127.0.0.1:8090/api/alerts",
			"alertmanager-compose.yml, http://toolkit:8090/api/alerts" })
	void shouldRouteEveryAlertToTheToolkitWebhook(String file, String toolkitUrl) throws Exception {
		Map<String, Object> config = load(ALERTMANAGER.resolve(file));
		Map<String, Object> route = map(config.get("route"));

		assertThat(route).containsEntry("receiver", "toolkit")
			.containsEntry("group_wait", "1s")
			.containsEntry("group_interval", "10s")
			.containsEntry("repeat_interval", "1m")
			.doesNotContainKey("routes");
		assertThat(route.get("group_by")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.containsExactlyInAnyOrder("alertname", "service");
		List<Map<String, Object>> receivers = list(config.get("receivers"));
		assertThat(receivers).extracting((receiver) -> receiver.get("name")).containsExactly("toolkit");
		List<Map<String, Object>> webhooks = list(receivers.get(0).get("webhook_configs"));
		assertThat(webhooks).hasSize(1);
		assertThat(webhooks.get(0)).containsEntry("url", toolkitUrl).containsEntry("send_resolved", true);
	}

	/**
	 * The names in the first column of a table in docs/telemetry.md, from the heading to
	 * the next; with {@code expandSuffixes}, a name without {@code :} (as in
	 * {@code `...:p50_1m` / `p95_1m`}) takes the prefix of the name before it.
	 */
	private static List<String> contractNames(String heading, boolean expandSuffixes) throws IOException {
		List<String> names = new ArrayList<>();
		boolean inSection = false;
		for (String line : Files.readAllLines(TELEMETRY_DOCS)) {
			if (line.startsWith("## ")) {
				inSection = line.startsWith(heading);
				continue;
			}
			if (!inSection || !line.startsWith("| `")) {
				continue;
			}
			String firstCell = line.substring(1, line.indexOf('|', 1));
			Matcher matcher = BACKTICKED.matcher(firstCell);
			String previous = null;
			while (matcher.find()) {
				String name = matcher.group(1).trim();
				if (expandSuffixes && !name.contains(":") && previous != null) {
					name = previous.substring(0, previous.lastIndexOf(':') + 1) + name;
				}
				names.add(name);
				previous = name;
			}
		}
		assertThat(names).as("names under '%s' in %s", heading, TELEMETRY_DOCS).isNotEmpty();
		return names;
	}

	private List<Map<String, Object>> rules() throws IOException {
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Path file : yamlFiles(RULES)) {
			for (Map<String, Object> group : list(load(file).get("groups"))) {
				rules.addAll(list(group.get("rules")));
			}
		}
		return rules;
	}

	private String name(Map<String, Object> rule) {
		return String.valueOf(rule.containsKey("record") ? rule.get("record") : rule.get("alert"));
	}

	private static void breakFirstExpectation(Path tests, Pattern expectation, String wrong) throws IOException {
		for (Path file : yamlFiles(tests)) {
			String content = Files.readString(file);
			Matcher matcher = expectation.matcher(content);
			if (matcher.find()) {
				assertThat(matcher.group(2)).isNotEqualTo(wrong);
				Files.writeString(file, matcher.replaceFirst("$1" + wrong));
				return;
			}
		}
		fail("no test file in %s has an expectation matching %s", tests, expectation);
	}

	private static Path copyDirectory(Path source, Path target) throws IOException {
		Files.createDirectories(target);
		for (Path file : yamlFiles(source)) {
			Files.copy(file, target.resolve(file.getFileName()));
		}
		return target;
	}

	private static List<Path> yamlFiles(Path directory) throws IOException {
		assertThat(directory).isDirectory();
		try (Stream<Path> files = Files.list(directory)) {
			List<Path> yaml = files.filter((file) -> file.getFileName().toString().endsWith(".yml"))
				.map(Path::normalize)
				.sorted()
				.toList();
			assertThat(yaml).as("YAML files in %s", directory).isNotEmpty();
			return yaml;
		}
	}

	private static List<String> relativeToRepository(List<Path> files) {
		return files.stream().map((file) -> REPOSITORY.relativize(file).toString()).toList();
	}

	private static Map<String, Object> load(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return new LinkedHashMap<>((Map<String, Object>) value);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object value) {
		assertThat(value).isInstanceOf(List.class);
		return new ArrayList<>((List<Map<String, Object>>) value);
	}

}
