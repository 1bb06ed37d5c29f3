package dev.latencylab.load;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gatling.commons.util.GatlingVersion$;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.latencylab.load.LoadResult.AssertionOutcome;

import static dev.latencylab.load.ReportFixtureSimulation.SLOW_MS;
import static dev.latencylab.load.ReportFixtureSimulation.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

/**
 * Reads what Gatling really writes: {@link ReportFixtureSimulation} runs once, through
 * {@link LoadRun}, against a server on a free port of 127.0.0.1 that answers {@code slow}
 * after a known delay and every third {@code flaky} with a 500, so that the counts, the
 * order of the percentiles and the assertions' outcomes are known. A Gatling upgrade that
 * changes {@code simulation.log} or its reader fails here.
 */
class GatlingReportTest {

	@TempDir
	static Path results;

	static LoadResult run;

	static GatlingReport report;

	@BeforeAll
	static void runTheFixtureSimulation() throws Exception {
		AtomicInteger flakyCalls = new AtomicInteger();
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
		ExecutorService executor = Executors.newFixedThreadPool(16);
		server.setExecutor(executor);
		server.createContext("/fast", (exchange) -> answer(exchange, 200));
		server.createContext("/slow", (exchange) -> {
			sleep(SLOW_MS);
			answer(exchange, 200);
		});
		server.createContext("/flaky",
				(exchange) -> answer(exchange, (flakyCalls.incrementAndGet() % 3 == 0) ? 500 : 200));
		server.start();
		try {
			run = LoadRun.of(ReportFixtureSimulation.class)
				.baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
				.resultsDirectory(results)
				.timeout(Duration.ofSeconds(90))
				.run();
		}
		finally {
			server.stop(0);
			executor.shutdownNow();
		}
		report = GatlingReport.read(run.reportDirectory());
	}

	@Test
	void shouldCountEachRequestNameAndItsFailures() {
		assertThat(report.requests()).containsOnlyKeys("fast", "slow", "flaky");
		assertThat(report.requests().get("fast"))
			.extracting(RequestFigures::count, RequestFigures::ok, RequestFigures::failed)
			.containsExactly((long) USERS, (long) USERS, 0L);
		assertThat(report.requests().get("flaky"))
			.extracting(RequestFigures::count, RequestFigures::ok, RequestFigures::failed)
			.containsExactly((long) USERS, USERS * 2L / 3, USERS / 3L);
		assertThat(report.all())
			.extracting(RequestFigures::name, RequestFigures::count, RequestFigures::ok, RequestFigures::failed)
			.containsExactly(GatlingReport.ALL_REQUESTS, USERS * 3L, USERS * 3L - USERS / 3, USERS / 3L);
	}

	@Test
	void shouldReadResponseTimesWithinTheServersDelays() {
		RequestFigures slow = report.requests().get("slow");
		RequestFigures fast = report.requests().get("fast");

		assertThat(slow.minMs()).isGreaterThanOrEqualTo(SLOW_MS);
		assertThat(new long[] { slow.minMs(), slow.p50Ms(), slow.p95Ms(), slow.p99Ms(), slow.p999Ms(), slow.maxMs() })
			.isSorted();
		assertThat(slow.maxMs()).isLessThan(SLOW_MS + 10_000);
		assertThat(slow.meanMs()).isBetween(slow.minMs(), slow.maxMs());
		// the same overheads, without the delay
		assertThat(fast.p50Ms()).isLessThan(slow.p50Ms());
		RequestFigures all = report.all();
		assertThat(new long[] { all.minMs(), all.p50Ms(), all.p95Ms(), all.p99Ms(), all.p999Ms(), all.maxMs() })
			.isSorted();
		assertThat(all.minMs())
			.isEqualTo(report.requests().values().stream().mapToLong(RequestFigures::minMs).min().getAsLong());
		assertThat(all.maxMs())
			.isEqualTo(report.requests().values().stream().mapToLong(RequestFigures::maxMs).max().getAsLong());
		// a third of the requests are slow: the 95th percentile is one of them
		assertThat(all.p95Ms()).isGreaterThanOrEqualTo(SLOW_MS);
		assertThat(all.perSecond()).isPositive()
			.isCloseTo(report.requests().values().stream().mapToDouble(RequestFigures::perSecond).sum(), within(0.01));
	}

	@Test
	void shouldEvaluateTheAssertionsAsGatlingDoes() {
		assertThat(report.assertions()).containsExactly(
				new AssertionOutcome("slow: min of response time is greater than or equal to 300.0", true),
				new AssertionOutcome("slow: 50th percentile of response time is less than 300.0", false),
				new AssertionOutcome("fast: count of failed events is 0.0", true),
				new AssertionOutcome("Global: percentage of failed events is less than or equal to 1.0", false));
		// Gatling's own exit status agrees: 2, an assertion failed
		assertThat(run.assertionsPassed()).isFalse();
	}

	@Test
	void shouldHandLoadRunTheSameFigures() {
		// the percentiles are t-digest estimates, which differ by a millisecond from one
		// read of the log to the next; everything else is exact
		assertThat(run.requests()).containsOnlyKeys(report.requests().keySet());
		for (String name : report.requests().keySet()) {
			assertThat(run.request(name)).usingRecursiveComparison()
				.ignoringFields("p50Ms", "p95Ms", "p99Ms", "p999Ms")
				.isEqualTo(report.requests().get(name));
		}
		assertThat(run.all()).usingRecursiveComparison()
			.ignoringFields("p50Ms", "p95Ms", "p99Ms", "p999Ms")
			.isEqualTo(report.all());
		assertThat(run.assertions()).isEqualTo(report.assertions());
		assertThat(run.indexHtml()).exists();
	}

	@Test
	void shouldRefuseALogOfAnotherGatlingVersion(@TempDir Path other) throws IOException {
		String thisVersion = GatlingVersion$.MODULE$.ThisVersion().fullVersion();
		String otherVersion = thisVersion.replaceAll("[0-9]", "9");
		byte[] log = Files.readAllBytes(run.reportDirectory().resolve("simulation.log"));
		int at = indexOf(log, thisVersion.getBytes(StandardCharsets.US_ASCII));
		assertThat(at).as("the version in the log's run record").isNotNegative();
		byte[] replacement = otherVersion.getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(replacement, 0, log, at, replacement.length);
		Path runDirectory = Files.createDirectories(other.resolve("reportfixturesimulation-1"));
		Files.write(runDirectory.resolve("simulation.log"), log);

		assertThatIllegalStateException().isThrownBy(() -> GatlingReport.read(runDirectory))
			.withMessageContaining(
					"was generated with Gatling " + otherVersion + " and can't be parsed with Gatling " + thisVersion);
	}

	@Test
	void shouldRefuseADirectoryWithoutSimulationLog(@TempDir Path empty) {
		assertThatIllegalStateException().isThrownBy(() -> GatlingReport.read(empty))
			.withMessageContaining("no simulation.log in");
	}

	private static int indexOf(byte[] bytes, byte[] part) {
		for (int i = 0; i + part.length <= bytes.length; i++) {
			if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
				return i;
			}
		}
		return -1;
	}

	private static void answer(HttpExchange exchange, int status) throws IOException {
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
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
