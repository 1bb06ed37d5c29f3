package dev.latencylab.kit.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.latencylab.kit.LabMetrics;
import dev.latencylab.kit.profiler.FlightRecording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hiccup meter sees this very JVM stand still when another process stops it with
 * SIGSTOP, exports what the toolkit reads, and stays out of the flight recorder's waits.
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

	@Test
	void shouldLeaveNoWaitOfItsOwnInTheFlightRecording(@TempDir Path dir) throws Exception {
		try (FlightRecording recording = new FlightRecording(Duration.ofMinutes(1))) {
			this.meter.bindTo(this.registry);
			this.meter.start();
			Timer hiccups = this.registry.get(LabMetrics.JVM_HICCUP).timer();
			await().atMost(Duration.ofSeconds(10)).until(() -> hiccups.count() >= 20);
			Path file = dir.resolve("recording.jfr");
			recording.dump(file);

			// the waits the toolkit reads for lock contention are the application's, not
			// the meter's 20 sleeps a second
			List<RecordedEvent> waits = RecordingFile.readAllEvents(file)
				.stream()
				.filter((event) -> event.getEventType().getName().equals("jdk.ThreadPark")
						|| event.getEventType().getName().equals("jdk.JavaMonitorEnter"))
				.toList();
			assertThat(waits).noneMatch(
					(event) -> event.getThread() != null && "lab-hiccup-meter".equals(event.getThread().getJavaName()));
		}
	}

}
