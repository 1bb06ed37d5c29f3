package dev.latencylab.toolkit.traces;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the toolkit asks Zipkin's v2 API for a canary's cohort, and what it keeps of the
 * answer: only the endpoint's spans that carry the cohort's tag.
 */
class ZipkinTraceSourceTests {

	private static final String TRACES = """
			[[{"traceId": "t1", "id": "a", "kind": "SERVER", "name": "post /api/checkout", "timestamp": 1000,
			   "duration": 120000, "localEndpoint": {"serviceName": "checkout-service"},
			   "tags": {"lab.cohort.x-fix": "on", "http.response.status_code": "201"}},
			  {"traceId": "t1", "id": "b", "parentId": "a", "kind": "CLIENT", "name": "post", "timestamp": 2000,
			   "duration": 50000, "localEndpoint": {"serviceName": "checkout-service"}, "tags": {}}],
			 [{"traceId": "t2", "id": "c", "kind": "SERVER", "name": "post /api/checkout", "timestamp": 3000,
			   "duration": 5000000, "localEndpoint": {"serviceName": "checkout-service"},
			   "tags": {"lab.cohort.x-fix": "on", "http.response.status_code": "503", "error": ""}},
			  {"traceId": "t2", "id": "d", "parentId": "c", "kind": "SERVER", "name": "post /api/checkout",
			   "timestamp": 4000, "duration": 100, "localEndpoint": {"serviceName": "gateway"}, "tags": {}}]]
			""";

	private final AtomicReference<String> asked = new AtomicReference<>();

	private HttpServer zipkin;

	@BeforeEach
	void startZipkin() throws IOException {
		this.zipkin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.zipkin.createContext("/api/v2/traces", (exchange) -> {
			this.asked.set(exchange.getRequestURI().getRawQuery());
			byte[] body = TRACES.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.zipkin.start();
	}

	@AfterEach
	void stopZipkin() {
		this.zipkin.stop(0);
	}

	@Test
	void shouldKeepOnlyTheEndpointsSpansOfTheCohort() {
		String url = "http://127.0.0.1:" + this.zipkin.getAddress().getPort();
		ZipkinTraceSource source = new ZipkinTraceSource(RestClient.builder().baseUrl(url).build(), url);
		Instant to = Instant.parse("2026-11-30T10:00:00Z");

		List<Span> spans = source.endpointSpans(new TraceSource.Query("checkout-service", "POST /api/checkout",
				to.minusSeconds(120), to, Duration.ZERO, null, 2000, Map.of("lab.cohort.x-fix", "on")));

		assertThat(spans).extracting(Span::id).containsExactly("a", "c");
		assertThat(spans.get(1).durationMicros()).isEqualTo(5_000_000);
		assertThat(this.asked.get()).contains("serviceName=checkout-service", "spanName=post%20/api/checkout",
				"limit=2000", "lookback=120000", "annotationQuery=lab.cohort.x-fix%3Don");
	}

	@Test
	void shouldAskForAnySpanOfTheServiceWhenNoOperationIsNamed() {
		String url = "http://127.0.0.1:" + this.zipkin.getAddress().getPort();
		ZipkinTraceSource source = new ZipkinTraceSource(RestClient.builder().baseUrl(url).build(), url);
		Instant to = Instant.parse("2026-11-30T10:00:00Z");

		List<Trace> traces = source.find(new TraceSource.Query("payment-service", null, to.minusSeconds(60), to,
				Duration.ofSeconds(2), null, 1));

		assertThat(traces).hasSize(2);
		assertThat(this.asked.get()).contains("serviceName=payment-service", "minDuration=2000000", "limit=1")
			.doesNotContain("spanName");
	}

}
