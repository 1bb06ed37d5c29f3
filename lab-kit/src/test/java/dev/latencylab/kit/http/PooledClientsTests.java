package dev.latencylab.kit.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a caller of another service sees through the pooled client, against a real HTTP
 * server on the loopback interface.
 */
class PooledClientsTests {

	private final AtomicInteger requests = new AtomicInteger();

	private final CountDownLatch release = new CountDownLatch(1);

	private HttpServer server;

	private RestClient client;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		// a service killed while it handled the call: the connection closes, no answer
		this.server.createContext("/dies", (exchange) -> {
			this.requests.incrementAndGet();
			exchange.close();
		});
		this.server.createContext("/stuck", (exchange) -> {
			this.requests.incrementAndGet();
			try {
				this.release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		this.server.createContext("/ok", (exchange) -> {
			this.requests.incrementAndGet();
			byte[] body = "ok".getBytes();
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
		this.server.start();
		this.client = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.server.getAddress().getPort())
			.requestFactory(PooledClients.requestFactory(Duration.ofSeconds(1), Duration.ofMillis(300)))
			.build();
	}

	@AfterEach
	void stop() {
		this.release.countDown();
		this.server.stop(0);
	}

	@Test
	void shouldSendACallWhoseConnectionClosedWithoutAnAnswerOnceAndLeaveTheRetryToTheCaller() {
		// HttpClient would send an idempotent call again on its own; whether a call may
		// go twice is the caller's to decide
		assertThatExceptionOfType(ResourceAccessException.class)
			.isThrownBy(() -> this.client.get().uri("/dies").retrieve().toBodilessEntity());

		assertThat(this.requests).as("requests the server saw").hasValue(1);
	}

	@Test
	void shouldGiveUpOnAnAnswerAfterTheReadTimeoutWithoutSendingTheCallAgain() {
		long started = System.nanoTime();

		assertThatExceptionOfType(ResourceAccessException.class)
			.isThrownBy(() -> this.client.post().uri("/stuck").retrieve().toBodilessEntity())
			.withRootCauseInstanceOf(SocketTimeoutException.class);

		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("time until the caller gave up")
			.isLessThan(Duration.ofSeconds(5));
		assertThat(this.requests).as("requests the server saw").hasValue(1);
	}

	@Test
	void shouldAnswerCallsInARow() {
		for (int i = 0; i < 5; i++) {
			assertThat(this.client.get().uri("/ok").retrieve().body(String.class)).isEqualTo("ok");
		}
		assertThat(this.requests).hasValue(5);
	}

}
