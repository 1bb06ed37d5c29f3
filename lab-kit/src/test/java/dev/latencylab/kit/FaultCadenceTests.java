package dev.latencylab.kit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FaultCadenceTests {

	private final MutableClock clock = new MutableClock();

	private final FaultCadence cadence = new FaultCadence(Duration.ofSeconds(2), Duration.ofSeconds(30), this.clock);

	@Test
	void shouldRunSoonAfterTheFaultGoesOnThenEveryPeriod() {
		assertThat(this.cadence.due(false)).as("off").isFalse();
		assertThat(this.cadence.due(true)).as("just switched on").isFalse();
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(this.cadence.due(true)).as("2 s after on").isTrue();
		this.cadence.ran(this.clock.instant());
		this.clock.advance(Duration.ofSeconds(29));
		assertThat(this.cadence.due(true)).as("29 s after the run").isFalse();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.cadence.due(true)).as("a period after the run").isTrue();
	}

	@Test
	void shouldStartOverWhenTheFaultGoesOffAndOnAgain() {
		this.cadence.due(true);
		this.clock.advance(Duration.ofSeconds(5));
		this.cadence.ran(this.clock.instant());
		assertThat(this.cadence.due(false)).isFalse();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.cadence.due(true)).as("on again").isFalse();
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(this.cadence.due(true)).as("2 s after on again, not a period after the last run").isTrue();
	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-11-30T08:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
