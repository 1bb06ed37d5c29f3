package dev.latencylab.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A plain HTTP server on the loopback standing in for checkout-service behind the gateway
 * under test: it counts the requests to {@code /api/checkout} and answers each as the
 * test says, on a thread of its own per request.
 */
final class StandInCheckout {

	private final AtomicInteger calls = new AtomicInteger();

	private final HttpServer server;

	StandInCheckout(Answerer answerer) {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.createContext("/api/checkout", (exchange) -> {
			this.calls.incrementAndGet();
			exchange.getRequestBody().readAllBytes();
			Answer answer;
			try {
				answer = answerer.answer();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				answer = new Answer(500, "text/plain", "interrupted");
			}
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", answer.contentType());
			try (OutputStream out = exchange.getResponseBody()) {
				exchange.sendResponseHeaders(answer.status(), body.length);
				out.write(body);
			}
			catch (IOException ex) {
				// the gateway gave up waiting
			}
			finally {
				exchange.close();
			}
		});
		this.server.start();
	}

	/**
	 * @return the requests that reached it
	 */
	AtomicInteger calls() {
		return this.calls;
	}

	/**
	 * Points the gateway's checkout route here.
	 * @param registry the test's dynamic properties
	 */
	void register(DynamicPropertyRegistry registry) {
		registry.add("gateway.upstreams.checkout", () -> "http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	void stop() {
		this.server.stop(0);
	}

	/** What the stand-in answers. */
	record Answer(int status, String contentType, String body) {

		static Answer confirmed() {
			return new Answer(201, "application/json", "{\"status\":\"CONFIRMED\"}");
		}

	}

	/** Decides a request's answer, and may take its time. */
	@FunctionalInterface
	interface Answerer {

		Answer answer() throws InterruptedException;

	}

}
