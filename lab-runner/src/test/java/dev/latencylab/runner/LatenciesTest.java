package dev.latencylab.runner;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatenciesTest {

	@Test
	void shouldReadCountPercentilesAndMaximum() {
		Latencies latencies = new Latencies();
		for (int millis = 1; millis <= 1000; millis++) {
			latencies.add(millis);
		}

		assertThat(latencies.n()).isEqualTo(1000);
		assertThat(latencies.percentile(50)).isCloseTo(500.5, within(0.5));
		assertThat(latencies.percentile(99)).isCloseTo(990, within(1.0));
		assertThat(latencies.max()).isEqualTo(1000);
	}

	@Test
	void shouldKeepOnlyTheMostRecentUpToItsCapacity() {
		Latencies latencies = new Latencies(3);
		for (double millis : new double[] { 5000, 10, 20, 30 }) {
			latencies.add(millis);
		}

		assertThat(latencies.n()).isEqualTo(3);
		assertThat(latencies.max()).as("the 5 s checkout was pushed out").isEqualTo(30);
	}

	@Test
	void shouldSayNothingWithoutValues() {
		Latencies latencies = new Latencies();
		latencies.add(42);
		latencies.clear();

		assertThat(latencies.n()).isZero();
		assertThat(latencies.percentile(50)).isNaN();
		assertThat(latencies.max()).isNaN();
	}

}
