package dev.latencylab.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in front of one live upstream (a plain HTTP server standing in for
 * inventory-service) and three that are down.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoutingTests {

	private static final AtomicReference<String> seenRequestId = new AtomicReference<>();

	/** Bytes of request bodies that reached the upstream. */
	private static final AtomicLong bytesRelayed = new AtomicLong();

	private static final HttpServer inventory = startInventory();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry registry) {
		String down = "http://127.0.0.1:" + closedPort();
		registry.add("gateway.upstreams.inventory", () -> "http://127.0.0.1:" + inventory.getAddress().getPort());
		registry.add("gateway.upstreams.checkout", () -> down);
		registry.add("gateway.upstreams.payment", () -> down);
		registry.add("gateway.upstreams.fraud", () -> down);
	}

	@AfterAll
	static void stopInventory() {
		inventory.stop(0);
	}

	@Test
	void shouldLetAnIdleUpstreamConnectionGoBeforeTheServiceClosesIt(@Autowired HttpClientProperties httpClient) {
		// the services' Tomcat closes a connection idle for 60 s; a gateway that kept it
		// longer could forward a checkout onto a connection being closed
		assertThat(httpClient.getPool().getMaxIdleTime()).isPositive().isLessThan(Duration.ofSeconds(60));
	}

	@Test
	void shouldRouteProductsToInventoryWithARequestId() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/products/SKU-00001")));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("SKU-00001");
		assertThat(response.headers().allValues("X-Request-Id")).hasSize(1);
		String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
		assertThat(seenRequestId.get()).isEqualTo(requestId);
	}

	@Test
	void shouldKeepTheCallersRequestId() throws Exception {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(uri("/api/products/SKU-00001")).header("X-Request-Id", "trace-me-42"));

		assertThat(response.headers().firstValue("X-Request-Id")).hasValue("trace-me-42");
		assertThat(seenRequestId.get()).isEqualTo("trace-me-42");
	}

	@Test
	void shouldAnswerProblemDetailsWhenTheServiceIsDown() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/checkout"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{}")));

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("upstream-unavailable").contains("\"status\":503");
	}

	@Test
	void shouldAnswerProblemDetailsForAnUnknownPath() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/nothing-here")));

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void shouldRefuseABodyOverTheLimitWithoutRelayingIt() throws Exception {
		long before = bytesRelayed.get();
		byte[] fiveMegabytes = new byte[5 * 1024 * 1024];

		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/reservations"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(fiveMegabytes)));

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("body-too-large").contains("65536");
		assertThat(bytesRelayed.get()).isEqualTo(before);
	}

	@Test
	void shouldRefuseAChunkedBodyOnceItCrossesTheLimit() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/reservations"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[5 * 1024 * 1024]))));

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("body-too-large");
	}

	@Test
	void shouldRelayABodyWithinTheLimitWhetherItsLengthIsKnownOrNot() throws Exception {
		byte[] body = "{\"orderId\": \"o-1\"}".getBytes(StandardCharsets.UTF_8);
		long before = bytesRelayed.get();

		HttpResponse<String> declared = send(
				HttpRequest.newBuilder(uri("/api/reservations")).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
		HttpResponse<String> chunked = send(HttpRequest.newBuilder(uri("/api/reservations"))
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))));

		assertThat(declared.statusCode()).isEqualTo(201);
		assertThat(chunked.statusCode()).isEqualTo(201);
		assertThat(bytesRelayed.get() - before).isEqualTo(2L * body.length);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static HttpServer startInventory() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/api/products", (exchange) -> {
				seenRequestId.set(exchange.getRequestHeaders().getFirst("X-Request-Id"));
				byte[] body = "{\"sku\":\"SKU-00001\"}".getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				// services echo the id too; the caller must still see it once
				exchange.getResponseHeaders().set("X-Request-Id", seenRequestId.get());
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.createContext("/api/reservations", (exchange) -> {
				bytesRelayed.addAndGet(exchange.getRequestBody().readAllBytes().length);
				exchange.sendResponseHeaders(201, -1);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
