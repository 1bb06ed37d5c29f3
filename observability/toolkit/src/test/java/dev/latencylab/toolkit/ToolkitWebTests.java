package dev.latencylab.toolkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The toolkit's server over HTTP, with a lab that is not there (nothing listens on the
 * ports of its trace store, Prometheus and services): what it accepts, what it refuses,
 * and that it never claims a healthy checkout it could not see.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ToolkitWebTests {

	private static final String TOKEN = "test-token";

	@TempDir
	static Path reports;

	@LocalServerPort
	int port;

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void lab(DynamicPropertyRegistry registry) throws IOException {
		String nowhere = "http://127.0.0.1:" + freePort();
		registry.add("lab.admin.token", () -> TOKEN);
		registry.add("toolkit.reports.directory", () -> reports.toString());
		registry.add("toolkit.prometheus", () -> nowhere);
		registry.add("toolkit.traces.url", () -> nowhere);
		registry.add("toolkit.traces.public-url", () -> nowhere);
		registry.add("toolkit.services.payment-service", () -> nowhere);
		registry.add("toolkit.baseline.initial-delay", () -> "1h");
		registry.add("toolkit.diagnosis.live-capture", () -> "0s");
		registry.add("toolkit.diagnosis.settle", () -> "1s");
	}

	@Test
	void shouldRefuseADiagnosisWithoutTheAdminToken() throws Exception {
		var response = post("/admin/diagnoses", "{\"since\": \"10m\"}", null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(this.json.readTree(response.body()).path("type").asString()).endsWith("/admin-token-required");
	}

	@Test
	void shouldRefuseABadWindowWithAProblem() throws Exception {
		var response = post("/admin/diagnoses", "{\"since\": \"ten minutes\"}", TOKEN);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(this.json.readTree(response.body()).path("detail").asString()).contains("10m");
	}

	@Test
	void shouldJudgeACanaryOnlyForTheAdminAndOnlyAFlagOverAWindow() throws Exception {
		assertThat(post("/admin/canaries", "{\"flag\": \"inventory-slow-query-fix\", \"since\": \"3m\"}", null)
			.statusCode()).isEqualTo(401);
		var badFlag = post("/admin/canaries", "{\"flag\": \"../etc\", \"since\": \"3m\"}", TOKEN);
		var badWindow = post("/admin/canaries", "{\"flag\": \"inventory-slow-query-fix\", \"since\": \"1s\"}", TOKEN);
		var noTraces = post("/admin/canaries", "{\"flag\": \"inventory-slow-query-fix\", \"since\": \"3m\"}", TOKEN);

		assertThat(badFlag.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(badFlag.body()).path("detail").asString()).contains("'flag'");
		assertThat(badWindow.statusCode()).isEqualTo(400);
		assertThat(noTraces.statusCode()).as(noTraces.body()).isEqualTo(503);
		assertThat(this.json.readTree(noTraces.body()).path("type").asString()).endsWith("/trace-store-unavailable");
	}

	@Test
	void shouldRefuseAnUnknownServiceToCapture() throws Exception {
		var response = post("/admin/captures", "{\"service\": \"nope\", \"modes\": [\"wall\"]}", TOKEN);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(response.body()).path("type").asString()).endsWith("/unknown-service");
	}

	@Test
	void shouldRefuseAWebhookThatIsNotAlertmanagers() throws Exception {
		var response = post("/api/alerts", "{\"status\": \"firing\"}", null);

		assertThat(response.statusCode()).isEqualTo(400);
	}

	@Test
	void shouldNotClaimCheckoutIsFineWhenItCannotReadTheTraces() throws Exception {
		var response = post("/admin/diagnoses", "{\"since\": \"5m\"}", TOKEN);

		assertThat(response.statusCode()).isEqualTo(201);
		JsonNode report = this.json.readTree(response.body());
		assertThat(report.path("verdict").path("cause").asString()).isEqualTo("unknown");
		assertThat(report.path("notes").toString()).contains("could not be read");
		String id = report.path("id").asString();
		assertThat(Files.readString(reports.resolve(id).resolve("report.html"))).contains("id=\"verdict\"",
				"Unknown: the evidence does not agree");
		assertThat(get("/reports/" + id + "/report.html").statusCode()).isEqualTo(200);
		assertThat(get("/reports/" + id + "/../../etc/passwd").statusCode()).isEqualTo(404);
	}

	@Test
	void shouldDiagnoseAFiringLatencyAlertOnceAndListTheReport() throws Exception {
		String alert = """
				{"version": "4", "status": "firing", "alerts": [
				  {"status": "firing", "fingerprint": "f1", "startsAt": "2026-11-30T07:00:00Z",
				   "labels": {"alertname": "CheckoutLatencySpike", "service": "checkout-service"}},
				  {"status": "firing", "fingerprint": "f2", "startsAt": "2026-11-30T07:00:00Z",
				   "labels": {"alertname": "TargetDown", "service": "zipkin"}}]}""";

		var first = post("/api/alerts", alert, null);
		var again = post("/api/alerts", alert, null);

		assertThat(first.statusCode()).isEqualTo(202);
		assertThat(this.json.readTree(first.body()).path("diagnosesStarted").asInt()).isEqualTo(1);
		assertThat(this.json.readTree(again.body()).path("diagnosesStarted").asInt()).isZero();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode list = this.json.readTree(get("/api/reports").body());
			assertThat(list.toString()).contains("CheckoutLatencySpike");
		});
		assertThat(get("/reports").body()).contains("CheckoutLatencySpike");
		// unknown (no trace could be read): looked at once more, into the same report
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			String id = null;
			for (JsonNode summary : this.json.readTree(get("/api/reports").body())) {
				if ("CheckoutLatencySpike".equals(summary.path("trigger").asString())) {
					id = summary.path("id").asString();
				}
			}
			assertThat(id).as("the alert's report").isNotNull();
			assertThat(this.json.readTree(get("/api/reports/" + id).body()).path("notes").toString())
				.contains("Looked again 1 s after");
		});
	}

	private HttpResponse<String> post(String path, String body, String token) throws IOException, InterruptedException {
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
