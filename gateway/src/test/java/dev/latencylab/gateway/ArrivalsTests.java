package dev.latencylab.gateway;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArrivalsTests {

	private static final long MS = 1_000_000;

	private final Arrivals arrivals = new Arrivals(3, Duration.ofMillis(250));

	@Test
	void shouldCountTheArrivalBeyondTheNumberWithinOneWindowAsOverTheRate() {
		long start = 1_000 * MS;
		assertThat(this.arrivals.arrive(start)).isFalse();
		assertThat(this.arrivals.arrive(start + 10 * MS)).isFalse();
		assertThat(this.arrivals.arrive(start + 20 * MS)).isFalse();
		assertThat(this.arrivals.arrive(start + 30 * MS)).as("the fourth within 250 ms").isTrue();
	}

	@Test
	void shouldCountABurstTheSameWhereverItFalls() {
		// a fixed window starting at 0 would split this burst in two halves of 3
		long edge = 250 * MS;
		for (int i = 0; i < 3; i++) {
			assertThat(this.arrivals.arrive(edge - (30 - 10 * i) * MS)).isFalse();
		}
		assertThat(this.arrivals.arrive(edge + 5 * MS)).as("three arrived in the 35 ms before").isTrue();
	}

	@Test
	void shouldNotCountArrivalsSpreadOverMoreThanAWindow() {
		long start = 1_000 * MS;
		for (int i = 0; i < 20; i++) {
			// 4 a window at most, never 4 within one
			assertThat(this.arrivals.arrive(start + i * 90 * MS)).as("arrival %d", i).isFalse();
		}
	}

	@Test
	void shouldCountTheArrivalsTurnedAwayToo() {
		long start = 1_000 * MS;
		for (int i = 0; i < 10; i++) {
			this.arrivals.arrive(start + i * MS);
		}
		// the last three (at 7, 8 and 9 ms) are within 250 ms of 200 ms
		assertThat(this.arrivals.arrive(start + 200 * MS)).isTrue();
		assertThat(this.arrivals.arrive(start + 400 * MS)).as("only one within 250 ms before").isFalse();
	}

}
