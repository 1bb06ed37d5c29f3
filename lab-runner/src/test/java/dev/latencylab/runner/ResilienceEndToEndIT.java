package dev.latencylab.runner;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.latencylab.load.CanarySimulation;
import dev.latencylab.load.LoadResult;
import dev.latencylab.load.LoadRun;
import dev.latencylab.load.RequestFigures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code payment-slow-network} under a Gatling run through the gateway, once as the lab
 * ships (no deadline but the 10 s read timeouts: the card network's slow share makes
 * checkout's p99 5 s) and once with {@code checkout-resilience} on (timeouts, breakers,
 * bulkheads, fallbacks: a slow payment fails the order cleanly within a second). Prints
 * both runs' figures and checkout's busiest request threads; the business stays correct.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedLab.class)
@Order(7)
class ResilienceEndToEndIT {

	/** Checkouts per second: with 5 % of them 5 s slow, p99 is a slow one. */
	private static final int RATE = 8;

	private static final int SECONDS = 30;

	private LocalLab lab;

	private LabClient client;

	private FlagsSnapshot flags;

	@BeforeAll
	void start(LocalLab lab) throws IOException {
		this.lab = lab;
		this.client = new LabClient(lab);
		this.flags = FlagsSnapshot.of(lab);
	}

	@AfterAll
	void everyFlagOffAgain() throws IOException, InterruptedException {
		this.flags.restore();
	}

	@Test
	void shouldTakeTheSlowCardNetworksSecondsOutOfCheckoutOnlyWithTheResilienceSettings() throws Exception {
		this.client.setFlag("payment-slow-network", "on", 0, LabService.PAYMENT);

		long started = System.currentTimeMillis();
		LoadResult without = load("resilience-off");
		double busyWithout = busyRequestThreads(started);
		BusinessInvariants.assertHold(this.client, "the slow card network without resilience");

		this.client.setFlag("checkout-resilience", "on", 0, LabService.CHECKOUT);
		started = System.currentTimeMillis();
		LoadResult with = load("resilience-on");
		double busyWith = busyRequestThreads(started);
		double maxThreads = this.client
			.prometheusValue("max(tomcat_threads_config_max_threads{application=\"checkout-service\"})");
		BusinessInvariants.assertHold(this.client, "the slow card network with resilience");

		System.out.printf("resilience: payment-slow-network, %d checkouts/s for %d s through the gateway%n", RATE,
				SECONDS);
		print("without", without.checkout(), busyWithout, maxThreads);
		print("with", with.checkout(), busyWith, maxThreads);
		// measured (twice on 2026-11-30, 2026-12-04): p99 5,216 to 5,261 ms without, 879
		// to 1,013 ms with
		assertThat(without.checkout().p99Ms()).as("checkout p99 without the resilience settings (ms)")
			.isGreaterThanOrEqualTo(4_000);
		assertThat(with.checkout().p99Ms()).as("checkout p99 with the resilience settings (ms)")
			.isLessThanOrEqualTo(2_500);
		assertThat(busyWithout).as("checkout's busiest request threads without").isLessThan(maxThreads);
		assertThat(busyWith).as("checkout's busiest request threads with").isLessThan(maxThreads);
		// the slow share fails cleanly with the settings, the rest still buys
		assertThat(with.checkout().ok()).as("checkouts confirmed with the settings")
			.isGreaterThan(with.checkout().count() * 8 / 10);
	}

	private LoadResult load(String name) throws IOException, InterruptedException {
		LoadResult result = LoadRun.of(CanarySimulation.class)
			.baseUrl(this.lab.url(LabService.GATEWAY))
			.property("rate", RATE)
			.property("duration", SECONDS)
			.resultsDirectory(Path.of("target", "gatling", name))
			.run();
		System.out.println("resilience: Gatling report of " + name + ": " + result.indexHtml().toAbsolutePath());
		return result;
	}

	private static void print(String run, RequestFigures checkout, double busy, double maxThreads) {
		System.out.printf(
				"resilience: %-7s checkouts %4d (%4d failed)  p50 %5d ms  p99 %5d ms  max %5d ms  busiest request threads %3.0f of %3.0f%n",
				run, checkout.count(), checkout.failed(), checkout.p50Ms(), checkout.p99Ms(), checkout.maxMs(), busy,
				maxThreads);
	}

	private double busyRequestThreads(long since) throws IOException, InterruptedException {
		return this.client.prometheusMax("tomcat_threads_busy_threads{application=\"checkout-service\"}", since);
	}

}
