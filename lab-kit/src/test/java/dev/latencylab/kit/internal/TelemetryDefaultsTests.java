package dev.latencylab.kit.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The telemetry defaults, as the meters a service exports show them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class TelemetryDefaultsTests {

	@Autowired
	MeterRegistry registry;

	@Autowired
	MockClock clock;

	@Test
	void shouldForgetTheLongestGcPauseWithinHalfAMinuteButKeepAnHttpMaximum() {
		Timer pause = this.registry.timer(TelemetryDefaults.GC_PAUSE, "gc", "G1 Old Generation");
		Timer request = this.registry.timer("http.server.requests", "uri", "/api/checkout");
		pause.record(4, TimeUnit.SECONDS);
		request.record(4, TimeUnit.SECONDS);

		// every scrape at the lab's 5 s sees the pause for at least 20 s
		this.clock.add(Duration.ofSeconds(19));
		assertThat(pause.max(TimeUnit.SECONDS)).as("the longest pause, 19 s later").isEqualTo(4);

		this.clock.add(Duration.ofSeconds(12));
		assertThat(pause.max(TimeUnit.SECONDS)).as("the longest pause, 31 s later").isZero();
		assertThat(request.max(TimeUnit.SECONDS)).as("the slowest request, 31 s later").isEqualTo(4);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		MockClock micrometerClock() {
			return new MockClock();
		}

	}

}
