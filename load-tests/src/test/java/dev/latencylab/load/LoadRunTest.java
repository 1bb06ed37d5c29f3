package dev.latencylab.load;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the steady simulation through {@link LoadRun} against a small fake lab on a free
 * port: it answers every kind of checkout as the real one does, holds the long-email
 * checkouts for a delay this test controls, and fails the large basket with a 503.
 */
class LoadRunTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final long DELAY_MS = 700;

	private final ConcurrentLinkedQueue<String> idempotencyKeys = new ConcurrentLinkedQueue<>();

	private HttpServer server;

	private ExecutorService executor;

	@TempDir
	Path results;

	@BeforeEach
	void startFakeLab() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
		this.executor = Executors.newFixedThreadPool(16);
		this.server.setExecutor(this.executor);
		this.server.createContext("/api/checkout", this::checkout);
		this.server.createContext("/api/products", (exchange) -> answer(exchange, 200,
				exchange.getRequestURI().getPath().equals("/api/products") ? "[]" : "{\"sku\":\"SKU-00001\"}"));
		this.server.start();
	}

	@AfterEach
	void stopFakeLab() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	@Test
	void shouldReturnTheFiguresOfGatlingsReport() throws Exception {
		// 10 shoppers a second for 3 s: orders 1 to 30, of which 7 is a fraudster and 23
		// a large basket; the other 28 are customers, every 5th with the long email
		LoadResult result = LoadRun.of(SteadyCheckoutSimulation.class)
			.baseUrl("http://127.0.0.1:" + this.server.getAddress().getPort())
			.property("rate", 10)
			.property("browseRate", 5)
			.property("duration", 3)
			.property("longEmailEvery", 5)
			.property("p99Ms", 5000)
			.property("spikeMs", 500)
			.resultsDirectory(this.results)
			.timeout(Duration.ofSeconds(60))
			.run();

		assertThat(result.all().count()).isEqualTo(30 + 15 * 2);
		assertThat(result.all().failed()).isEqualTo(1);
		assertThat(result.request("checkout large-basket").failed()).isEqualTo(1);
		assertThat(result.request("checkout fraud-denied").count()).isEqualTo(1);
		assertThat(result.request("checkout fraud-denied").failed()).isZero();
		assertThat(result.request(LabTraffic.PRODUCTS_PAGE).count()).isEqualTo(15);
		assertThat(result.checkout().count()).isEqualTo(28);
		assertThat(result.checkout().failed()).isZero();
		// 6 of the 28 checkouts took the delay: the median did not, the tail did
		assertThat(result.checkout().p50Ms()).isLessThan(DELAY_MS / 2);
		assertThat(result.checkout().p95Ms()).isBetween(DELAY_MS, DELAY_MS + 1000);
		assertThat(result.checkout().p99Ms()).isBetween(DELAY_MS, DELAY_MS + 1000);
		assertThat(result.checkout().maxMs()).isGreaterThanOrEqualTo(result.checkout().p99Ms());
		// 1 failed request in 60 is more than the 1 % allowed
		assertThat(result.assertionsPassed()).isFalse();
		assertThat(result.assertions()).extracting(LoadResult.AssertionOutcome::passed).containsExactly(true, false);
		assertThat(result.indexHtml()).exists();
		assertThat(Files.readString(result.consoleLog())).contains("spike: ");
		assertThat(this.idempotencyKeys).hasSize(30).doesNotHaveDuplicates();
	}

	private void checkout(HttpExchange exchange) throws IOException {
		this.idempotencyKeys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
		JsonNode order = JSON.readTree(exchange.getRequestBody());
		String email = order.get("email").asString();
		String sku = order.get("lines").get(0).get("sku").asString();
		if ("01/20".equals(order.get("card").get("expiry").asString())) {
			answer(exchange, 400, "{\"type\":\"invalid-request\"}");
		}
		else if ("SKU-99999".equals(sku)) {
			answer(exchange, 422, "{\"type\":\"unknown-sku\"}");
		}
		else if (email.endsWith("@mailinator.com")) {
			answer(exchange, 422, "{\"type\":\"order-denied\",\"orderId\":\"" + UUID.randomUUID() + "\"}");
		}
		else if (order.get("card").get("number").asString().equals("4000000000000002")) {
			answer(exchange, 402, "{\"type\":\"card-declined\",\"orderId\":\"" + UUID.randomUUID() + "\"}");
		}
		else if (order.get("lines").size() > 1) {
			answer(exchange, 503, "{\"type\":\"dependency-unavailable\"}");
		}
		else {
			if (email.contains("+shop@")) {
				sleep(DELAY_MS);
			}
			answer(exchange, 201, "{\"orderId\":\"" + UUID.randomUUID() + "\",\"status\":\"CONFIRMED\"}");
		}
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
