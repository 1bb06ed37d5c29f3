package dev.latencylab.runner;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/**
 * Steady checkout traffic through the shared lab's gateway, as {@code ./lab load} sends
 * it, and what the end-to-end suites wait for while it runs: a steady state, the answers
 * of what was sent, the toolkit's report on an alert.
 */
final class CheckoutWatch implements AutoCloseable {

	private final LabClient client;

	private final double rate;

	private final String label;

	private final Queue<CheckoutTraffic.Checkout> checkouts = new ConcurrentLinkedQueue<>();

	private final CheckoutTraffic traffic;

	/**
	 * Starts the traffic.
	 * @param lab the lab
	 * @param client a client of it
	 * @param rate checkouts per second
	 * @param label the prefix of the lines it prints
	 */
	CheckoutWatch(LocalLab lab, LabClient client, double rate, String label) {
		this.client = client;
		this.rate = rate;
		this.label = label;
		this.traffic = new CheckoutTraffic(lab.url(LabService.GATEWAY), rate, 10, 40, this.checkouts::add).start();
	}

	/** Latencies of the checkouts sent in [from, to). */
	Latencies latencies(long from, long to) {
		Latencies statistics = new Latencies();
		for (CheckoutTraffic.Checkout checkout : this.checkouts) {
			if (checkout.startedAt() >= from && checkout.startedAt() < to) {
				statistics.add(checkout.millis());
			}
		}
		return statistics;
	}

	/**
	 * @return whether every answered checkout sent in [from, to) passes the test
	 */
	boolean every(long from, long to, Predicate<CheckoutTraffic.Checkout> test) {
		return this.checkouts.stream()
			.filter((checkout) -> checkout.startedAt() >= from && checkout.startedAt() < to)
			.allMatch(test);
	}

	/** The slowest answered checkout with an order sent in [from, to). */
	CheckoutTraffic.Checkout slowest(long from, long to) {
		return this.checkouts.stream()
			.filter((checkout) -> checkout.startedAt() >= from && checkout.startedAt() < to)
			.filter((checkout) -> checkout.orderId() != null)
			.max(Comparator.comparingDouble(CheckoutTraffic.Checkout::millis))
			.orElseThrow(() -> new AssertionError("no answered checkout with an order id"));
	}

	/**
	 * Waits for the steady state under the load: the first checkouts of fresh JVMs take
	 * seconds while the JIT catches up, a backlog a previous fault left must drain, and
	 * the latency alerts of a previous fault must have resolved (a fault switched on
	 * while one still fires raises no new alert).
	 * @param atMost how long to wait at most
	 */
	void awaitSteady(Duration atMost) throws InterruptedException {
		long started = System.currentTimeMillis();
		Latencies last = new Latencies();
		while (System.currentTimeMillis() - started < atMost.toMillis()) {
			TimeUnit.SECONDS.sleep(2);
			long now = System.currentTimeMillis();
			last = latencies(now - 12_000, now - 2_000);
			if (last.n() >= 30 && last.percentile(50) < 250 && last.max() < 1_000) {
				break;
			}
		}
		while (System.currentTimeMillis() - started < atMost.toMillis() && latencyAlertsActive()) {
			TimeUnit.SECONDS.sleep(2);
		}
		System.out.printf("%s: steady after %d s: last 10 s %d checkouts, median %.0f ms, max %.0f ms%n", this.label,
				(System.currentTimeMillis() - started) / 1000, last.n(), last.percentile(50), last.max());
	}

	/**
	 * @return whether a latency alert fires now
	 */
	boolean latencyAlertsActive() {
		try {
			String query = "ALERTS{alertname=~\"CheckoutLatencySpike|LongGcPause|JdbcPoolWaits\"}";
			return !this.client.prometheus("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8))
				.path("data")
				.path("result")
				.isEmpty();
		}
		catch (IOException ex) {
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * @param time a moment
	 * @param within how long after it to wait at most
	 * @return the last report of the toolkit on an alert received after the moment
	 */
	JsonNode awaitReportOfAlertAfter(long time, Duration within) {
		JsonNode[] found = new JsonNode[1];
		await("a report of the toolkit on an alert after " + Instant.ofEpochMilli(time))
			.atMost(Duration.ofMillis(Math.max(1_000, time + within.toMillis() - System.currentTimeMillis())))
			.pollInterval(Duration.ofSeconds(1))
			.ignoreExceptionsInstanceOf(IOException.class)
			.until(() -> {
				for (JsonNode summary : this.client.toolkit("/api/reports")) {
					if (!"on-demand".equals(summary.path("trigger").asString())
							&& instant(summary.path("receivedAt")) > time) {
						found[0] = this.client.toolkit("/api/reports/" + summary.path("id").asString());
					}
				}
				return found[0] != null;
			});
		return found[0];
	}

	/**
	 * @param time a moment
	 * @param within how long after it to wait at most
	 * @param wanted what the report must say
	 * @return the first report of the toolkit on an alert received after the moment that
	 * says it; fails with what the reports said when none does in time
	 */
	JsonNode awaitReportOfAlertAfter(long time, Duration within, Predicate<JsonNode> wanted)
			throws InterruptedException {
		long deadline = time + within.toMillis();
		Map<String, JsonNode> seen = new LinkedHashMap<>();
		while (true) {
			try {
				for (JsonNode summary : this.client.toolkit("/api/reports")) {
					String id = summary.path("id").asString();
					if (!"on-demand".equals(summary.path("trigger").asString())
							&& instant(summary.path("receivedAt")) > time && !seen.containsKey(id)) {
						JsonNode report = this.client.toolkit("/api/reports/" + id);
						seen.put(id, report);
						if (wanted.test(report)) {
							return report;
						}
					}
				}
			}
			catch (IOException ex) {
				// the toolkit is busy: ask again
			}
			if (System.currentTimeMillis() > deadline) {
				List<String> said = seen.values()
					.stream()
					.map((report) -> report.path("id").asString() + ": " + report.path("causes"))
					.toList();
				throw new AssertionError("no report after " + Instant.ofEpochMilli(time) + " said what was wanted "
						+ "within " + within.toSeconds() + " s; the reports: " + said);
			}
			TimeUnit.SECONDS.sleep(1);
		}
	}

	/**
	 * Waits until the checkouts sent since the time answer fast again: in the last five
	 * seconds but two, nearly all sent have answered and none took a second.
	 * @param since when the fix went on
	 * @param within how long to wait at most
	 * @return seconds it took
	 */
	long awaitDrained(long since, Duration within) throws InterruptedException {
		long deadline = since + within.toMillis();
		while (System.currentTimeMillis() < deadline) {
			TimeUnit.SECONDS.sleep(1);
			long to = System.currentTimeMillis() - 2_000;
			long from = to - 5_000;
			Latencies last = latencies(from, to);
			if (from >= since && last.n() >= 0.8 * this.rate * 5 && last.max() < 1_000) {
				break;
			}
		}
		return (System.currentTimeMillis() - since) / 1000;
	}

	/** The checkout client gives up after 30 s: by then every checkout has answered. */
	void awaitAnswersOfCheckoutsStartedBefore(long time) throws InterruptedException {
		long wait = time + 31_000 - System.currentTimeMillis();
		long answeredBefore = this.checkouts.stream().filter((checkout) -> checkout.startedAt() < time).count();
		// checkouts are sent at the rate from the start: wait until as many answered as
		// were sent before the time, within a small margin for the last second
		while (wait > 0 && answeredBefore < sentBefore(time) - this.rate) {
			TimeUnit.MILLISECONDS.sleep(250);
			wait = time + 31_000 - System.currentTimeMillis();
			answeredBefore = this.checkouts.stream().filter((checkout) -> checkout.startedAt() < time).count();
		}
	}

	/**
	 * Prints the checkouts of a stretch ten seconds at a time.
	 * @param what what happened in the stretch
	 * @param from its start
	 * @param to its end
	 */
	void printByTenSeconds(String what, long from, long to) {
		for (long window = from; window < to; window += 10_000) {
			Latencies part = latencies(window, Math.min(window + 10_000, to));
			System.out.printf("%s: %s, %2d-%2d s after on: %d checkouts, median %.0f ms, max %.0f ms%n", this.label,
					what, (window - from) / 1000, (window - from) / 1000 + 10, part.n(), part.percentile(50),
					part.max());
		}
	}

	private long sentBefore(long time) {
		long first = this.checkouts.stream().mapToLong(CheckoutTraffic.Checkout::startedAt).min().orElse(time);
		return (long) ((time - first) / 1000.0 * this.rate);
	}

	static long instant(JsonNode text) {
		return Instant.parse(text.asString()).toEpochMilli();
	}

	@Override
	public void close() {
		this.traffic.close();
	}

}
