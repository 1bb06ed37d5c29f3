package dev.latencylab.runner;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
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

	@Option(names = "--long-email-every", defaultValue = "50",
			description = "one order in N has a long email address with a plus tag (what the regex fault trips on)")
	int longEmailEvery;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	@Override
	public Integer call() throws InterruptedException {
		if (this.rate <= 0 || this.rate > 200 || this.duration <= 0 || this.duration > 24 * 3600) {
			System.err.println("load: rate must be in (0, 200] per second and duration in (0, 86400] seconds");
			return 2;
		}
		if (!URI.create(this.gateway).getHost().matches("127\\.0\\.0\\.1|localhost|\\[?::1]?")) {
			// the lab's load only ever targets this machine
			System.err.println("load: the gateway must be on this machine (127.0.0.1 or localhost)");
			return 2;
		}
		DescriptiveStatistics window = new DescriptiveStatistics();
		AtomicInteger ok = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
		long periodMicros = (long) (1_000_000 / this.rate);
		scheduler.scheduleAtFixedRate(() -> send(window, ok, failed), 0, periodMicros, TimeUnit.MICROSECONDS);
		scheduler.scheduleAtFixedRate(() -> report(window, ok, failed), 10, 10, TimeUnit.SECONDS);
		scheduler.schedule(scheduler::shutdown, this.duration, TimeUnit.SECONDS);
		scheduler.awaitTermination(this.duration + 60, TimeUnit.SECONDS);
		report(window, ok, failed);
		return 0;
	}

	private void send(DescriptiveStatistics window, AtomicInteger ok, AtomicInteger failed) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int product = (random.nextInt(3) == 0) ? 1 + random.nextInt(this.hotSkus) : 1 + random.nextInt(1000);
		String customer = "load-" + random.nextInt(5000);
		// customers do have long addresses with a +tag; a badly written email pattern
		// chokes on them
		String email = (this.longEmailEvery > 0 && random.nextInt(this.longEmailEvery) == 0)
				? "christopher.maximilian.worthington" + random.nextInt(10) + "+shop@example.com"
				: customer + "@example.com";
		String body = """
				{"customerId": "%s", "email": "%s", "lines": [{"sku": "SKU-%05d", "quantity": 1}],
				 "card": {"number": "4111111111111111", "expiry": "12/39"},
				 "shippingAddress": {"line1": "1 Main St", "city": "Berlin", "postalCode": "10115", "country": "DE"},
				 "billingAddress": {"line1": "1 Main St", "city": "Berlin", "postalCode": "10115", "country": "DE"}}
				""".formatted(customer, email, product);
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.gateway + "/api/checkout"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		long started = System.nanoTime();
		this.http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
			double millis = (System.nanoTime() - started) / 1e6;
			synchronized (window) {
				window.addValue(millis);
			}
			if (error == null && response.statusCode() < 500) {
				ok.incrementAndGet();
			}
			else {
				failed.incrementAndGet();
			}
		});
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
