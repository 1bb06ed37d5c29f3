package dev.latencylab.kit.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.latencylab.kit.LabMetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hiccup meter sees this very JVM stand still when another process stops it with
 * SIGSTOP, and exports what the toolkit reads.
 */
class HiccupMeterTests {

	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	private final HiccupMeter meter = new HiccupMeter();

	@AfterEach
	void stop() {
		this.meter.stop();
	}

	@Test
	void shouldMeasureAStopOfTheWholeProcess() throws Exception {
		this.meter.bindTo(this.registry);
		this.meter.start();
		Timer hiccups = this.registry.get(LabMetrics.JVM_HICCUP).timer();
		await().atMost(Duration.ofSeconds(10)).until(() -> hiccups.count() >= 20);
		assertThat(hiccups.max(TimeUnit.SECONDS)).isLessThan(1.0);

		// another process stops this JVM for 1.5 s, then lets it go on
		long pid = ProcessHandle.current().pid();
		Process stopper = new ProcessBuilder("sh", "-c", "kill -STOP " + pid + "; sleep 1.5; kill -CONT " + pid)
			.start();
		assertThat(stopper.waitFor(20, TimeUnit.SECONDS)).isTrue();

		await().atMost(Duration.ofSeconds(10)).until(() -> hiccups.max(TimeUnit.SECONDS) >= 1.4);
		String scraped = this.registry.scrape();
		assertThat(scraped).contains("lab_jvm_hiccup_seconds_max")
			.containsPattern("lab_jvm_hiccup_seconds_bucket\\{le=\"1\\.0\"\\} \\d+")
			.contains("lab_jvm_hiccup_seconds_count");
		assertThat(hiccups.takeSnapshot().histogramCounts()).anySatisfy((bucket) -> {
			assertThat(bucket.bucket(TimeUnit.SECONDS)).isEqualTo(1.0);
			assertThat(bucket.count()).isLessThan(hiccups.count());
		});
	}

}
