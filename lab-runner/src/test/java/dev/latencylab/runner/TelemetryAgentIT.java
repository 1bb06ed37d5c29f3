package dev.latencylab.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local lab sends its spans to Zipkin with the OpenTelemetry agent's Zipkin exporter,
 * which the agent's project has deprecated. The lab pins the agent's version
 * ({@code opentelemetry-javaagent.version}); this test runs a program under the pinned
 * agent, as the lab runs its applications, and fails if its spans no longer reach a
 * Zipkin endpoint: the day a newer agent drops the exporter, the upgrade stops here
 * rather than in a lab without traces.
 */
@Order(0)
class TelemetryAgentIT {

	private final List<String> exported = new CopyOnWriteArrayList<>();

	private HttpServer server;

	@BeforeEach
	void startZipkinStandIn() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/api/v2/spans", (exchange) -> {
			InputStream body = exchange.getRequestBody();
			if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
				body = new GZIPInputStream(body);
			}
			this.exported.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
			answer(exchange, 202);
		});
		this.server.createContext("/called", (exchange) -> answer(exchange, 200));
		this.server.start();
	}

	private static void answer(HttpExchange exchange, int status) throws IOException {
		exchange.sendResponseHeaders(status, -1);
		try (OutputStream out = exchange.getResponseBody()) {
			out.flush();
		}
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void shouldExportSpansToZipkinWithThePinnedAgent() throws Exception {
		String url = "http://127.0.0.1:" + this.server.getAddress().getPort();
		Path agent = LabMain.tools().resolve("opentelemetry-javaagent.jar");
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-javaagent:" + agent, "-cp", System.getProperty("java.class.path"),
				AgentProbe.class.getName(), url + "/called")
			.redirectErrorStream(true);
		// as LabRecipes sets them for the lab's applications
		builder.environment()
			.putAll(Map.of("OTEL_SERVICE_NAME", "agent-probe", "OTEL_TRACES_EXPORTER", "zipkin",
					"OTEL_EXPORTER_ZIPKIN_ENDPOINT", url + "/api/v2/spans", "OTEL_METRICS_EXPORTER", "none",
					"OTEL_LOGS_EXPORTER", "none", "OTEL_BSP_SCHEDULE_DELAY", "1000"));
		Process probe = builder.start();
		// the agent exports what is left when the program ends
		boolean ended = probe.waitFor(60, TimeUnit.SECONDS);
		String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!ended) {
			probe.destroyForcibly();
		}

		assertThat(ended).as("the probe ended: %s", output).isTrue();
		assertThat(probe.exitValue()).as(output).isZero();
		assertThat(String.join("\n", this.exported))
			.as("spans exported to Zipkin by %s; the probe said: %s", agent, output)
			.contains("\"serviceName\":\"agent-probe\"")
			.contains("\"kind\":\"CLIENT\"")
			.contains("/called");
	}

}
