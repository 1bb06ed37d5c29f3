package dev.latencylab.runner;

import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./lab load}: steady background checkouts through the gateway, bounded in rate
 * and duration, with a line of figures every 10 s. A third of the orders buy one of a few
 * hot products (where the inventory faults act); the rest spread over the catalogue.
 * Gatling simulations are the heavier tool; this one needs nothing but the lab.
 */
@Command(name = "load", description = "Drive steady checkouts through the gateway.")
final class LabLoad implements Callable<Integer> {

	@Option(names = "--gateway", required = true, description = "the gateway's base URL")
	String gateway;

	@Option(names = "--rate", defaultValue = "4", description = "checkouts per second (default ${DEFAULT-VALUE})")
	double rate;

	@Option(names = "--duration", defaultValue = "600", description = "seconds (default ${DEFAULT-VALUE})")
	long duration;

	@Option(names = "--hot-skus", defaultValue = "10", description = "number of hot products, SKU-00001 on")
	int hotSkus;

	@Option(names = "--long-email-every", defaultValue = "40",
			description = "every N-th order has a long email address with a plus tag (what the regex fault trips on)")
	int longEmailEvery;

	@Override
	public Integer call() throws InterruptedException {
		if (this.duration <= 0 || this.duration > 24 * 3600) {
			System.err.println("load: duration must be in (0, 86400] seconds");
			return 2;
		}
		DescriptiveStatistics window = new DescriptiveStatistics();
		AtomicInteger ok = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		CheckoutTraffic traffic;
		try {
			traffic = new CheckoutTraffic(this.gateway, this.rate, this.hotSkus, this.longEmailEvery, (checkout) -> {
				synchronized (window) {
					window.addValue(checkout.millis());
				}
				(checkout.ok() ? ok : failed).incrementAndGet();
			});
		}
		catch (IllegalArgumentException ex) {
			System.err.println("load: " + ex.getMessage());
			return 2;
		}
		ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor();
		reporter.scheduleAtFixedRate(() -> report(window, ok, failed), 10, 10, TimeUnit.SECONDS);
		try (traffic) {
			traffic.start();
			TimeUnit.SECONDS.sleep(this.duration);
		}
		finally {
			reporter.shutdownNow();
		}
		report(window, ok, failed);
		return 0;
	}

	private static void report(DescriptiveStatistics window, AtomicInteger ok, AtomicInteger failed) {
		synchronized (window) {
			if (window.getN() == 0) {
				System.out.println("load: no answers in the last 10 s");
				return;
			}
			System.out.printf("load: %d answers (%d ok, %d failed), p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
					window.getN(), ok.getAndSet(0), failed.getAndSet(0), window.getPercentile(50),
					window.getPercentile(99), window.getMax());
			window.clear();
		}
	}

}
