package dev.latencylab.fraud.fault;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class FraudFaultsPropertiesTest {

	@Test
	void shouldDefaultToSpikesOfAboutFiveSeconds() {
		FraudFaultsProperties properties = bind(Map.of());

		assertThat(properties.lockContention()).isEqualTo(new FraudFaultsProperties.LockContention(
				Duration.ofSeconds(25), 100_000_000, Duration.ofSeconds(5), Duration.ofSeconds(2)));
		assertThat(properties.regexCpu().budget()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void shouldBindOverriddenKeys() {
		FraudFaultsProperties properties = bind(Map.of("fraud.faults.lock-contention.period", "30s",
				"fraud.faults.lock-contention.backtest-orders", "1000", "fraud.faults.lock-contention.backtest-budget",
				"3s", "fraud.faults.regex-cpu.budget", "2s"));

		assertThat(properties.lockContention()).isEqualTo(new FraudFaultsProperties.LockContention(
				Duration.ofSeconds(30), 1_000, Duration.ofSeconds(3), Duration.ofSeconds(2)));
		assertThat(properties.regexCpu().budget()).isEqualTo(Duration.ofSeconds(2));
	}

	private static FraudFaultsProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("fraud.faults",
				FraudFaultsProperties.class);
	}

}
