package dev.latencylab.runner;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.latencylab.checks.dashboards.DashboardQueries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a person sees of the running local lab in Zipkin and Prometheus: a trace per
 * checkout across all five applications with its SQL, every target up, every rule
 * evaluating, every dashboard query answering, and exemplars that lead to traces.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedLab.class)
@Order(9)
class TelemetryEndToEndIT {

	private static final Set<String> APPLICATIONS = Set.of("gateway", "checkout-service", "inventory-service",
			"payment-service", "fraud-service");

	private static final Set<String> DATABASE_USERS = Set.of("checkout-service", "inventory-service", "payment-service",
			"fraud-service");

	private final JsonMapper json = JsonMapper.builder().build();

	private LocalLab lab;

	private LabClient client;

	@BeforeAll
	void startLab(LocalLab lab) {
		this.lab = lab;
		this.client = new LabClient(this.lab);
		// a bit of every kind of traffic, so that every counter and histogram has series
		this.client.setStock("SKU-00090", 0);
		for (int i = 0; i < 6; i++) {
			checkout("tele-" + i, "tele" + i + "@example.com", "SKU-00091", "4111111111111111", "DE");
		}
		checkout("tele-declined", "declined@example.com", "SKU-00091", "4000000000000002", "DE");
		checkout("tele-poor", "poor@example.com", "SKU-00091", "4000000000009995", "DE");
		checkout("tele-fraud", "fraud@mailinator.com", "SKU-00091", "4111111111111111", "US");
		checkout("tele-review", "review@mailinator.com", "SKU-00091", "4111111111111111", "DE");
		checkout("tele-empty", "empty@example.com", "SKU-00090", "4111111111111111", "DE");
	}

	@Test
	void shouldRecordOneTracePerCheckoutAcrossAllFiveApplicationsWithItsSql() {
		List<String> orderIds = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			LabClient.Response response = checkout("traced-" + i, "traced" + i + "@example.com", "SKU-00092",
					"4111111111111111", "DE");
			assertThat(response.status()).isEqualTo(201);
			orderIds.add(response.text("orderId"));
		}

		for (String orderId : orderIds) {
			await("trace of order " + orderId).atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofSeconds(1))
				.untilAsserted(() -> {
					JsonNode traces = this.client.zipkin(
							"/api/v2/traces?limit=10&lookback=900000&annotationQuery=" + encode("order.id=" + orderId));
					assertThat(traces).as("traces tagged with order %s", orderId).hasSize(1);
					JsonNode trace = traces.get(0);
					assertThat(services(trace)).containsExactlyInAnyOrderElementsOf(APPLICATIONS);
					assertThat(sqlServices(trace)).containsAll(DATABASE_USERS);
				});
		}
	}

	@Test
	void shouldScrapeEveryTargetAndEvaluateEveryRuleWithoutError() {
		await("every target up").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(2))
			.untilAsserted(() -> {
				JsonNode targets = this.client.prometheus("/api/v1/targets").get("data").get("activeTargets");
				Set<String> jobs = new HashSet<>();
				for (JsonNode target : targets) {
					assertThat(target.get("health").asString()).as("health of %s", target.get("scrapeUrl").asString())
						.isEqualTo("up");
					jobs.add(target.get("labels").get("job").asString());
				}
				assertThat(jobs).containsAll(APPLICATIONS).contains("prometheus", "alertmanager", "zipkin");
			});

		await("every rule evaluated").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(2))
			.untilAsserted(() -> {
				List<String> rules = new ArrayList<>();
				for (JsonNode group : this.client.prometheus("/api/v1/rules").get("data").get("groups")) {
					for (JsonNode rule : group.get("rules")) {
						String name = rule.get("name").asString();
						rules.add(name);
						assertThat(rule.get("health").asString())
							.as("health of rule %s: %s", name, rule.path("lastError").asString(""))
							.isEqualTo("ok");
						assertThat(rule.get("lastEvaluation").asString()).as("%s evaluated", name)
							.doesNotStartWith("0001");
					}
				}
				assertThat(rules).contains("CheckoutLatencySpike",
						"application_uri:http_server_requests_seconds:p99_1m");
			});
	}

	@Test
	void shouldAnswerEveryDashboardQueryWithData() {
		// the canary dashboard has data only while a fix is rolled out: CanaryEndToEndIT
		// checks it then
		List<DashboardQueries.Query> queries = DashboardQueries.load()
			.stream()
			.filter((query) -> !"canary".equals(query.dashboardUid()))
			.toList();
		assertThat(queries).isNotEmpty();

		await("every panel has data").atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofSeconds(5))
			.untilAsserted(() -> {
				List<String> empty = new ArrayList<>();
				for (DashboardQueries.Query query : queries) {
					JsonNode answer = this.client.prometheus("/api/v1/query?query=" + encode(query.runnableExpr()));
					assertThat(answer.get("status").asString()).as("%s", query).isEqualTo("success");
					if (answer.get("data").get("result").isEmpty()) {
						empty.add(query.dashboardUid() + " / " + query.panelTitle() + " / " + query.runnableExpr());
					}
				}
				assertThat(empty).as("panel queries without data").isEmpty();
			});
	}

	@Test
	void shouldLeadFromTheCheckoutLatencyHistogramToTracesThroughExemplars() {
		// only this test's checkouts: an exemplar of a quarter of an hour ago may point
		// at
		// a trace Zipkin's in-memory store has dropped under the earlier suites' load
		Instant sent = Instant.now().minusSeconds(5);
		for (int i = 0; i < 3; i++) {
			checkout("exemplar-" + i, "exemplar" + i + "@example.com", "SKU-00093", "4111111111111111", "DE");
		}

		await("exemplars with trace ids").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(2))
			.untilAsserted(() -> {
				JsonNode series = this.client.prometheus("/api/v1/query_exemplars?query=" + encode(
						"http_server_requests_seconds_bucket{application=\"checkout-service\",uri=\"/api/checkout\"}")
						+ "&start=" + sent.getEpochSecond() + "&end=" + Instant.now().getEpochSecond())
					.get("data");
				List<String> traceIds = new ArrayList<>();
				for (JsonNode set : series) {
					for (JsonNode exemplar : set.get("exemplars")) {
						traceIds.add(exemplar.get("labels").get("trace_id").asString());
					}
				}
				assertThat(traceIds).isNotEmpty();
				HttpResponse<String> trace = this.client
					.fetch(this.lab.url(LabTool.ZIPKIN) + "/api/v2/trace/" + traceIds.get(traceIds.size() - 1));
				assertThat(trace.statusCode()).as("trace %s in Zipkin", traceIds.get(traceIds.size() - 1))
					.isEqualTo(200);
				assertThat(services(this.json.readTree(trace.body()))).contains("checkout-service");
			});
	}

	private LabClient.Response checkout(String customer, String email, String sku, String card, String billing) {
		String body = """
				{"customerId": "%s", "email": "%s", "lines": [{"sku": "%s", "quantity": 1}],
				 "card": {"number": "%s", "expiry": "12/39"},
				 "shippingAddress": {"line1": "1 Main St", "city": "Berlin", "postalCode": "10115", "country": "DE"},
				 "billingAddress": {"line1": "1 Main St", "city": "Berlin", "postalCode": "10115", "country": "%s"}}
				""".formatted(customer, email, sku, card, billing);
		return this.client.checkout(UUID.randomUUID().toString(), body);
	}

	private static Set<String> services(JsonNode trace) {
		Set<String> services = new HashSet<>();
		for (JsonNode span : trace) {
			services.add(span.get("localEndpoint").get("serviceName").asString());
		}
		return services;
	}

	private static Set<String> sqlServices(JsonNode trace) {
		Set<String> services = new HashSet<>();
		for (JsonNode span : trace) {
			JsonNode tags = span.path("tags");
			String system = tags.path("db.system").asString(tags.path("db.system.name").asString(""));
			if ("CLIENT".equals(span.path("kind").asString("")) && "postgresql".equals(system)) {
				services.add(span.get("localEndpoint").get("serviceName").asString());
			}
		}
		return services;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
