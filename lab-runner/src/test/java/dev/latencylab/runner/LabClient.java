package dev.latencylab.runner;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.nio.charset.StandardCharsets;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the end-to-end tests do to a running lab: HTTP through the gateway, the services'
 * admin API, Zipkin's and Prometheus' APIs, and direct reads of the database to check
 * what was (not) written.
 */
final class LabClient {

	private static final List<String> SCHEMAS = List.of("checkout", "inventory", "payment", "fraud");

	private final LocalLab lab;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final JsonMapper json = JsonMapper.builder().build();

	LabClient(LocalLab lab) {
		this.lab = lab;
	}

	Response get(String path) {
		return send(HttpRequest.newBuilder(gateway(path)).GET());
	}

	Response post(String path, String idempotencyKey, String body) {
		return post(LabService.GATEWAY, path, idempotencyKey, body);
	}

	/**
	 * A POST straight to one of the lab's applications, past the gateway.
	 */
	Response post(LabService service, String path, String idempotencyKey, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.lab.url(service) + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return send(request);
	}

	Response checkout(String idempotencyKey, String body) {
		return post("/api/checkout", idempotencyKey, body);
	}

	/**
	 * A checkout by a client that honours {@code Retry-After}: when the gateway sheds it
	 * (503 {@code overloaded}, before any service worked on it), it waits the second the
	 * gateway's {@code Retry-After} always asks for and sends it again with the same key,
	 * up to 30 times.
	 */
	Response checkoutRetryingWhenShed(String idempotencyKey, String body) throws InterruptedException {
		Response response = checkout(idempotencyKey, body);
		for (int retry = 0; retry < 30 && response.status() == 503
				&& String.valueOf(response.text("type")).endsWith("/overloaded"); retry++) {
			TimeUnit.SECONDS.sleep(1);
			response = checkout(idempotencyKey, body);
		}
		return response;
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofString());
			JsonNode body = response.body().isBlank() ? null : this.json.readTree(response.body());
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.headers().firstValue("X-Request-Id").orElse(null), body);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @param path a path of Zipkin's API, with its query
	 * @return Zipkin's answer, which must be 200
	 */
	JsonNode zipkin(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = fetch(this.lab.url(LabTool.ZIPKIN) + path);
		assertThat(response.statusCode()).as("Zipkin %s: %s", path, response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	/**
	 * @param path a path of Prometheus' API, with its query
	 * @return Prometheus' answer, which must be 200
	 */
	JsonNode prometheus(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = fetch(this.lab.url(LabTool.PROMETHEUS) + path);
		assertThat(response.statusCode()).as("Prometheus %s: %s", path, response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	/**
	 * @param path a path of the toolkit's API
	 * @return the toolkit's answer, which must be 200
	 */
	JsonNode toolkit(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = fetch(this.lab.url(LabTool.TOOLKIT) + path);
		assertThat(response.statusCode()).as("toolkit %s: %s", path, response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	/**
	 * Asks the toolkit for a diagnosis now.
	 * @param since how far back, e.g. {@code 60s}
	 * @return the report, which must have been created
	 */
	JsonNode diagnose(String since) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.lab.url(LabTool.TOOLKIT) + "/admin/diagnoses"))
			.timeout(Duration.ofSeconds(120))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + this.lab.adminToken())
			.POST(HttpRequest.BodyPublishers.ofString("{\"since\": \"" + since + "\"}"))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("diagnose: %s", response.body()).isEqualTo(201);
		return this.json.readTree(response.body());
	}

	/**
	 * The largest value a series took since a time, once Prometheus has scraped up to
	 * now.
	 * @param series a series selector, e.g. {@code process_cpu_usage{application="x"}}
	 * @param since the start, epoch milliseconds
	 * @return the maximum over the series' matches
	 */
	double prometheusMax(String series, long since) throws IOException, InterruptedException {
		awaitScrapesAfter(System.currentTimeMillis());
		long seconds = (System.currentTimeMillis() - since) / 1000 + 5;
		return prometheusValue("max(max_over_time(" + series + "[" + seconds + "s]))");
	}

	/**
	 * Waits until Prometheus has scraped every target since a time, so that what the lab
	 * showed until then is in it (a scrape every 5 s: up to 5 s, instead of a fixed wait
	 * of 6).
	 * @param time epoch milliseconds
	 */
	void awaitScrapesAfter(long time) {
		org.awaitility.Awaitility.await("a scrape of every target of Prometheus after " + Instant.ofEpochMilli(time))
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(() -> prometheusValue("min(timestamp(up))") * 1000 >= time);
	}

	/**
	 * @param query PromQL with a single value as its answer
	 * @return the value
	 */
	double prometheusValue(String query) throws IOException, InterruptedException {
		JsonNode result = prometheus("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8))
			.path("data")
			.path("result");
		assertThat(result).as("Prometheus: %s", query).isNotEmpty();
		return Double.parseDouble(result.get(0).get("value").get(1).asString());
	}

	/**
	 * @param query PromQL with a single value as its answer
	 * @param time when to evaluate it, epoch milliseconds (in the past)
	 * @return the value
	 */
	double prometheusValueAt(String query, long time) throws IOException, InterruptedException {
		JsonNode result = prometheus(
				"/api/v1/query?time=" + (time / 1000.0) + "&query=" + URLEncoder.encode(query, StandardCharsets.UTF_8))
			.path("data")
			.path("result");
		assertThat(result).as("Prometheus at %d: %s", time, query).isNotEmpty();
		return Double.parseDouble(result.get(0).get("value").get(1).asString());
	}

	/**
	 * The toolkit's canary verdict on a fix's rollout.
	 * @param flag the fix's flag
	 * @param since the window, e.g. {@code 90s}
	 * @return the verdict
	 */
	JsonNode canary(String flag, String since) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.lab.url(LabTool.TOOLKIT) + "/admin/canaries"))
			.timeout(Duration.ofSeconds(120))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + this.lab.adminToken())
			.POST(HttpRequest.BodyPublishers.ofString("{\"flag\": \"" + flag + "\", \"since\": \"" + since + "\"}"))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("canary: %s", response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	/**
	 * Sets a flag through checkout's admin API and waits until the service that acts on
	 * it has read the change (its poll interval is a second).
	 * @param flag the flag
	 * @param variant {@code on} or {@code off} for everyone, or {@code null} for a share
	 * @param percent the share of orders that get {@code on}, when variant is null
	 * @param owner the service that acts on it
	 */
	void setFlag(String flag, String variant, int percent, LabService owner) throws InterruptedException {
		String change = (variant != null) ? "{\"variant\": \"" + variant + "\"}" : "{\"percent\": " + percent + "}";
		HttpResponse<String> changed = admin(LabService.CHECKOUT, "PUT", "/admin/flags/" + flag, change,
				this.lab.adminToken());
		assertThat(changed.statusCode()).as("setting %s to %s: %s", flag, change, changed.body()).isEqualTo(200);
		if (variant != null) {
			org.awaitility.Awaitility.await(owner.serviceName() + " sees " + flag + " " + variant)
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> variant.equals(this.json
					.readTree(admin(owner, "GET", "/admin/flags/" + flag, null, this.lab.adminToken()).body())
					.path("evaluated")
					.asString()));
		}
		else {
			// a share evaluates per order: give every service two poll intervals
			Thread.sleep(2_500);
		}
	}

	/**
	 * @param url any URL of the lab (Zipkin's, Prometheus', a service's)
	 * @return the answer, whatever its status
	 */
	HttpResponse<String> fetch(String url) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * A call of a service's admin API.
	 * @param service the service
	 * @param method the HTTP method
	 * @param path the path, under {@code /admin}
	 * @param body a JSON body, or {@code null}
	 * @param token the bearer token to send, or {@code null} for none
	 * @return the answer, whatever its status
	 */
	HttpResponse<String> admin(LabService service, String method, String path, String body, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.lab.url(service) + path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private URI gateway(String path) {
		return URI.create(this.lab.url(LabService.GATEWAY) + path);
	}

	int stock(String sku) {
		return queryInt("SELECT stock FROM inventory.product WHERE sku = '" + sku + "'");
	}

	/**
	 * Sets a product's stock the way a person does, through inventory's admin API, which
	 * books the change: stock set by SQL would break the audit's stock balance.
	 */
	void setStock(String sku, int stock) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(this.lab.url(LabService.INVENTORY) + "/admin/stock/" + sku))
			.header("Authorization", "Bearer " + this.lab.adminToken())
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"stock\": " + stock + "}"))
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("PUT /admin/stock/%s: %s", sku, response.body()).isEqualTo(200);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	int queryInt(String sql) {
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getInt(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

	void update(String sql) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.executeUpdate(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

	/**
	 * Row counts of every table the services own, plus the total stock: equal before and
	 * after a request means the request wrote nothing.
	 * @return table name to row count
	 */
	Map<String, Integer> footprint() {
		Map<String, Integer> counts = new TreeMap<>();
		List<String> tables = new ArrayList<>();
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			try (ResultSet rs = statement.executeQuery("SELECT table_schema || '.' || table_name "
					+ "FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema IN ('"
					+ String.join("','", SCHEMAS) + "') AND table_name <> 'flyway_schema_history'")) {
				while (rs.next()) {
					tables.add(rs.getString(1));
				}
			}
			for (String table : tables) {
				try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
					rs.next();
					counts.put(table, rs.getInt(1));
				}
			}
			try (ResultSet rs = statement.executeQuery("SELECT sum(stock) FROM inventory.product")) {
				rs.next();
				counts.put("inventory.product.stock", rs.getInt(1));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return counts;
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(this.lab.jdbcUrl(), "postgres", "postgres");
	}

	record Response(int status, String contentType, String requestId, JsonNode body) {

		String text(String field) {
			JsonNode node = this.body.get(field);
			return (node == null || node.isNull()) ? null : node.asString();
		}

		/**
		 * @return the problem type slug, for a problem-details answer
		 */
		String problemType() {
			String type = text("type");
			return (type == null) ? null : type.substring(type.lastIndexOf('/') + 1);
		}

		boolean isProblem() {
			return this.contentType.startsWith("application/problem+json");
		}

	}

}
