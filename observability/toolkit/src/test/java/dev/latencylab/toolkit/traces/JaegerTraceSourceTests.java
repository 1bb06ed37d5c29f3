package dev.latencylab.toolkit.traces;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the toolkit asks Jaeger v2's query API v3 for, and what it reads of the answer:
 * OTLP's JSON in Jaeger's {@code {"result": ...}} envelope, with ids in hex, span kinds
 * and status codes as numbers and 64-bit times as strings (Jaeger's own answers, as in
 * its {@code apiv3/snapshots}); Jaeger's 404 to a search that finds nothing.
 */
class JaegerTraceSourceTests {

	/**
	 * Two traces: a checkout of the cohort whose payment call failed, and a slow one of
	 * another cohort. Each service's spans are one resource.
	 */
	private static final String TRACES = """
			{"result": {"resourceSpans": [
			  {"resource": {"attributes": [
			     {"key": "service.name", "value": {"stringValue": "checkout-service"}},
			     {"key": "deployment.environment", "value": {"stringValue": "compose"}}]},
			   "scopeSpans": [{"scope": {"name": "io.opentelemetry.tomcat-10.0"}, "spans": [
			     {"traceId": "0af7651916cd43dd8448eb211c80319c", "spanId": "b7ad6b7169203331",
			      "name": "POST /api/checkout", "kind": 2,
			      "startTimeUnixNano": "1764496800000000000", "endTimeUnixNano": "1764496800120000000",
			      "attributes": [
			        {"key": "lab.cohort.x-fix", "value": {"stringValue": "on"}},
			        {"key": "http.response.status_code", "value": {"intValue": "201"}}],
			      "status": {}},
			     {"traceId": "0af7651916cd43dd8448eb211c80319c", "spanId": "00f067aa0ba902b7",
			      "parentSpanId": "b7ad6b7169203331", "name": "POST", "kind": 3,
			      "startTimeUnixNano": "1764496800010000000", "endTimeUnixNano": "1764496800060000000",
			      "attributes": [
			        {"key": "http.request.method", "value": {"stringValue": "POST"}},
			        {"key": "server.address", "value": {"stringValue": "payment-service"}},
			        {"key": "server.port", "value": {"intValue": "8080"}}],
			      "status": {"code": 2, "message": "503 Service Unavailable"}}]}]},
			  {"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "payment-service"}}]},
			   "scopeSpans": [{"scope": {}, "spans": [
			     {"traceId": "0af7651916cd43dd8448eb211c80319c", "spanId": "53995c3f42cd8ad8",
			      "parentSpanId": "00f067aa0ba902b7", "name": "SELECT lab.payment", "kind": 3,
			      "startTimeUnixNano": "1764496800020000000", "endTimeUnixNano": "1764496800050000000",
			      "attributes": [
			        {"key": "db.system.name", "value": {"stringValue": "postgresql"}},
			        {"key": "db.query.text", "value": {"stringValue": "SELECT * FROM payment WHERE id = ?"}}]}]}]},
			  {"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "checkout-service"}}]},
			   "scopeSpans": [{"scope": {}, "spans": [
			     {"traceId": "4bf92f3577b34da6a3ce929d0e0e4736", "spanId": "e457b5a2e4d86bd1",
			      "name": "POST /api/checkout", "kind": 2,
			      "startTimeUnixNano": "1764496801000000000", "endTimeUnixNano": "1764496806000000000",
			      "attributes": [{"key": "lab.cohort.x-fix", "value": {"stringValue": "off"}}]}]}]}
			]}}
			""";

	/** The same kinds of answer as protobuf's own JSON mapping writes it. */
	private static final String PROTOBUF_JSON = """
			{"result": {"resourceSpans": [
			  {"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "fraud-service"}}]},
			   "scopeSpans": [{"spans": [
			     {"traceId": "CvdlGRbNQ92ESOshHIAxnA==", "spanId": "t61rcWkgMzE=", "name": "POST /api/fraud/score",
			      "kind": "SPAN_KIND_SERVER", "startTimeUnixNano": 1764496800000000000,
			      "endTimeUnixNano": 1764496800002500000, "status": {"code": "STATUS_CODE_ERROR"}}]}]}
			]}}
			""";

	private final AtomicReference<String> asked = new AtomicReference<>();

	private final AtomicReference<String> answer = new AtomicReference<>(TRACES);

	private final AtomicInteger status = new AtomicInteger(200);

	private HttpServer jaeger;

	private JaegerTraceSource source;

	@BeforeEach
	void startJaeger() throws IOException {
		this.jaeger = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.jaeger.createContext("/api/v3/traces", (exchange) -> {
			this.asked.set(URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8));
			byte[] body = this.answer.get().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(this.status.get(), body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.jaeger.start();
		String url = "http://127.0.0.1:" + this.jaeger.getAddress().getPort();
		this.source = new JaegerTraceSource(RestClient.builder().baseUrl(url).build(), "http://localhost:16686");
	}

	@AfterEach
	void stopJaeger() {
		this.jaeger.stop(0);
	}

	@Test
	void shouldReadWholeTracesAcrossServices() {
		Instant to = Instant.parse("2025-11-30T10:01:00Z");

		List<Trace> traces = this.source.find(new TraceSource.Query("checkout-service", "POST /api/checkout",
				to.minusSeconds(60), to, Duration.ofMillis(100), null, 20));

		assertThat(traces).extracting(Trace::traceId)
			.containsExactly("0af7651916cd43dd8448eb211c80319c", "4bf92f3577b34da6a3ce929d0e0e4736");
		List<Span> spans = traces.get(0).spans();
		assertThat(spans).extracting(Span::service)
			.containsExactly("checkout-service", "checkout-service", "payment-service");
		Span root = spans.get(0);
		assertThat(root.kind()).isEqualTo(Span.Kind.SERVER);
		assertThat(root.parentId()).isEmpty();
		assertThat(root.startMicros()).isEqualTo(1_764_496_800_000_000L);
		assertThat(root.durationMicros()).isEqualTo(120_000);
		assertThat(root.tags()).containsEntry("http.response.status_code", "201").doesNotContainKey("error");
		Span call = spans.get(1);
		assertThat(call.isHttpCall()).isTrue();
		assertThat(call.target()).contains("payment-service:8080");
		assertThat(call.parentId()).isEqualTo(root.id());
		assertThat(call.tags()).containsEntry("error", "503 Service Unavailable")
			.containsEntry("otel.status_code", "ERROR");
		Span query = spans.get(2);
		assertThat(query.isDatabaseCall()).isTrue();
		assertThat(query.statement()).isEqualTo("SELECT * FROM payment WHERE id = ?");
		assertThat(query.durationMicros()).isEqualTo(30_000);
		assertThat(this.asked.get())
			.contains("query.service_name=checkout-service", "query.operation_name=POST /api/checkout",
					"query.start_time_min=2025-11-30T10:00:00Z", "query.start_time_max=2025-11-30T10:01:00Z",
					"query.duration_min=100000us", "query.num_traces=20")
			.doesNotContain("query.duration_max", "query.attributes");
	}

	@Test
	void shouldKeepOnlyTheEndpointsSpansOfTheCohortEvenWhenJaegerIgnoresTheAttributes() {
		Instant to = Instant.parse("2025-11-30T10:01:00Z");

		List<Span> spans = this.source
			.endpointSpans(new TraceSource.Query("checkout-service", "POST /api/checkout", to.minusSeconds(120), to,
					Duration.ZERO, Duration.ofSeconds(30), 2000, Map.of("lab.cohort.x-fix", "on")));

		assertThat(spans).extracting(Span::id).containsExactly("b7ad6b7169203331");
		assertThat(this.asked.get())
			.contains("query.attributes={\"lab.cohort.x-fix\":\"on\"}", "query.duration_max=30000000us",
					"query.num_traces=2000")
			.doesNotContain("query.duration_min");
		List<Trace> traces = this.source.find(new TraceSource.Query("checkout-service", "POST /api/checkout",
				to.minusSeconds(120), to, Duration.ZERO, null, 10, Map.of("lab.cohort.x-fix", "off")));
		assertThat(traces).extracting(Trace::traceId).containsExactly("4bf92f3577b34da6a3ce929d0e0e4736");
	}

	@Test
	void shouldReadProtobufsOwnJsonMappingToo() {
		this.answer.set(PROTOBUF_JSON);
		Instant to = Instant.parse("2025-11-30T10:01:00Z");

		List<Span> spans = this.source.endpointSpans(new TraceSource.Query("fraud-service", "POST /api/fraud/score",
				to.minusSeconds(60), to, Duration.ZERO, null, 10));

		assertThat(spans).singleElement().satisfies((span) -> {
			assertThat(span.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
			assertThat(span.id()).isEqualTo("b7ad6b7169203331");
			assertThat(span.kind()).isEqualTo(Span.Kind.SERVER);
			assertThat(span.durationMicros()).isEqualTo(2_500);
			assertThat(span.tags()).containsEntry("error", "");
		});
	}

	@Test
	void shouldAnswerNoTraceToJaegersNotFound() {
		this.status.set(404);
		this.answer.set("{\"error\":{\"httpCode\":404,\"message\":\"No traces found\"}}");
		Instant to = Instant.parse("2025-11-30T10:01:00Z");
		TraceSource.Query query = new TraceSource.Query("inventory-service", null, to.minusSeconds(60), to,
				Duration.ZERO, null, 5);

		assertThat(this.source.find(query)).isEmpty();
		assertThat(this.source.endpointSpans(query)).isEmpty();
		assertThat(this.asked.get()).doesNotContain("query.operation_name");
	}

	@Test
	void shouldFailOnAnyOtherError() {
		this.status.set(400);
		this.answer.set("{\"error\":{\"httpCode\":400,\"message\":\"malformed parameter query.start_time_min\"}}");
		Instant to = Instant.parse("2025-11-30T10:01:00Z");

		assertThatExceptionOfType(RestClientException.class)
			.isThrownBy(() -> this.source.find(
					new TraceSource.Query("inventory-service", null, to.minusSeconds(60), to, Duration.ZERO, null, 5)))
			.withMessageContaining("400");
	}

	@Test
	void shouldLinkToTheUiAndToTheApi() {
		assertThat(this.source.link("0af7651916cd43dd8448eb211c80319c"))
			.isEqualTo("http://localhost:16686/trace/0af7651916cd43dd8448eb211c80319c");
		assertThat(this.source.apiLink("0af7651916cd43dd8448eb211c80319c"))
			.isEqualTo("http://localhost:16686/api/v3/traces/0af7651916cd43dd8448eb211c80319c");
	}

}
