package dev.latencylab.runner;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The profiler side of {@code ./lab bench --compare profiler}: captures back to back on
 * every service, with the admin token, as long as the endpoint allows; and a capture that
 * fails voids the figures instead of leaving a lab measured without the profiler.
 */
class LiveCapturesTest {

	private final List<String> asked = new CopyOnWriteArrayList<>();

	private HttpServer server;

	@BeforeEach
	void endpoint() throws IOException {
		// stands for the services' endpoint: answers a capture as soon as it is asked,
		// and only with the lab's token
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::capture);
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void shouldCaptureOnEveryServiceOneCaptureAfterTheOtherUntilClosed() throws InterruptedException {
		LiveCaptures captures = LiveCaptures
			.start(Map.of("payment-service", uri("/payment"), "fraud-service", uri("/fraud")), "lab-token");
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (captures.done() < 6 && System.nanoTime() < deadline) {
			TimeUnit.MILLISECONDS.sleep(20);
		}
		captures.close();

		assertThat(captures.done()).isGreaterThanOrEqualTo(6);
		assertThat(this.asked).contains("/payment " + LiveCaptures.BODY, "/fraud " + LiveCaptures.BODY);
		assertThat(LiveCaptures.BODY).contains("\"cpu\"", "\"wall\"", "\"lock\"", "\"alloc\"", "\"seconds\":120");
	}

	@Test
	void shouldVoidTheFiguresWhenACaptureIsRefused() throws InterruptedException {
		LiveCaptures captures = LiveCaptures.start(Map.of("payment-service", uri("/payment")), "another-token");
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.asked.isEmpty() && System.nanoTime() < deadline) {
			TimeUnit.MILLISECONDS.sleep(20);
		}
		TimeUnit.MILLISECONDS.sleep(200);

		assertThatExceptionOfType(LabException.class).isThrownBy(captures::close)
			.withMessageContaining("payment-service answered 401")
			.withMessageContaining("not the profiler's");
		assertThat(captures.done()).isZero();
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + path);
	}

	private void capture(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		this.asked.add(exchange.getRequestURI().getPath() + " " + body);
		boolean token = "Bearer lab-token".equals(exchange.getRequestHeaders().getFirst("Authorization"));
		// like lab-kit's endpoint: a capture names its modes
		boolean modes = body.contains("\"modes\":[\"");
		int status = !token ? 401 : !modes ? 400 : 201;
		byte[] answer = ((status == 201) ? "{\"id\":\"c1\"}" : "{\"status\":" + status + "}")
			.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, answer.length);
		exchange.getResponseBody().write(answer);
		exchange.close();
	}

}
