package dev.latencylab.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Checkouts through the gateway until they are as fast as they will be: the first ones of
 * fresh JVMs take seconds (classes loaded, connections opened, code compiled), and a
 * latency alert must not fire because a lab has just started. Prometheus starts scraping
 * only after this, so the warm-up's slow first checkouts are in no window of its rules,
 * as a production service would warm up behind its readiness probe.
 */
final class LabWarmUp {

	/** Warm-up checkouts a second: what ./lab load sends. */
	private static final double RATE = 4;

	/** The lab is warm when this many checkouts in a row answered ... */
	private static final int LAST = 20;

	/** ... each within this. */
	private static final Duration SLOWEST = Duration.ofMillis(500);

	private static final Duration WITHIN = Duration.ofSeconds(120);

	private LabWarmUp() {
	}

	/**
	 * @param gateway the gateway's base URL
	 * @param started when the lab's start began, for the progress lines
	 * @param progress receives a line every ten seconds or so
	 */
	static void run(String gateway, long started, Consumer<String> progress) {
		List<CheckoutTraffic.Checkout> answers = Collections.synchronizedList(new ArrayList<>());
		long deadline = System.nanoTime() + WITHIN.toNanos();
		boolean warm;
		List<CheckoutTraffic.Checkout> last;
		try (CheckoutTraffic traffic = new CheckoutTraffic(gateway, RATE, 10, 40, answers::add)) {
			// one at a time while the path is cold: cold requests sent at a rate pile up
			// behind each other, and each then takes many seconds
			CheckoutTraffic.Checkout first = traffic.sendOne();
			answers.add(first);
			while (!(first.ok() && first.millis() < SLOWEST.toMillis()) && System.nanoTime() < deadline) {
				first = traffic.sendOne();
				answers.add(first);
			}
			progress.accept(String.format("[%3ds] warming up: %d checkouts one at a time, the first took %.0f ms",
					seconds(started), answers.size(), answers.get(0).millis()));
			traffic.start();
			long shown = System.nanoTime();
			while (!isWarm(answers) && System.nanoTime() < deadline) {
				// the polling interval of the wait, not a stand-in for work
				TimeUnit.MILLISECONDS.sleep(500);
				if (System.nanoTime() - shown > TimeUnit.SECONDS.toNanos(10)) {
					shown = System.nanoTime();
					List<CheckoutTraffic.Checkout> recent = lastOf(answers, LAST);
					progress
						.accept(String.format("[%3ds] warming up: %d checkouts so far, the last %d in %.0f ms at most",
								seconds(started), answers.size(), recent.size(), slowest(recent)));
				}
			}
			// as it stood when the traffic stopped; what was in flight still answers
			// before Prometheus starts, so it is in none of its windows
			warm = isWarm(answers);
			last = lastOf(answers, LAST);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while warming up", ex);
		}
		progress.accept(String.format("[%3ds] warmed up: %d checkouts, the last %d in %.0f ms at most%s",
				seconds(started), answers.size(), last.size(), slowest(last),
				warm ? "" : " (still slow after " + WITHIN.toSeconds() + " s; going on)"));
	}

	private static long seconds(long started) {
		return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
	}

	private static double slowest(List<CheckoutTraffic.Checkout> checkouts) {
		return checkouts.stream().mapToDouble(CheckoutTraffic.Checkout::millis).max().orElse(0);
	}

	private static boolean isWarm(List<CheckoutTraffic.Checkout> answers) {
		List<CheckoutTraffic.Checkout> last = lastOf(answers, LAST);
		return last.size() == LAST
				&& last.stream().allMatch((checkout) -> checkout.ok() && checkout.millis() < SLOWEST.toMillis());
	}

	private static List<CheckoutTraffic.Checkout> lastOf(List<CheckoutTraffic.Checkout> answers, int count) {
		synchronized (answers) {
			return List.copyOf(answers.subList(Math.max(0, answers.size() - count), answers.size()));
		}
	}

}
