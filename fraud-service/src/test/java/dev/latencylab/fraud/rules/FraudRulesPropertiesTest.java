package dev.latencylab.fraud.rules;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class FraudRulesPropertiesTest {

	@Test
	void shouldDefaultToTheContractsRuleTable() {
		FraudRulesProperties properties = bind(Map.of());

		assertThat(properties.disposableDomains()).containsExactly("mailinator.com");
		assertThat(properties.highAmount()).isEqualTo(new FraudRulesProperties.HighAmount(100_000, 30, 500_000, 60));
		assertThat(properties.velocity()).isEqualTo(new FraudRulesProperties.Velocity(Duration.ofHours(1), 5, 40));
		assertThat(properties.addressMismatch()).isEqualTo(new FraudRulesProperties.AddressMismatch(35, 10));
		assertThat(properties.emailPattern()).isEqualTo(new FraudRulesProperties.EmailPattern(50, 6, 20));
		assertThat(properties.decision()).isEqualTo(new FraudRulesProperties.Thresholds(50, 80));
	}

	@Test
	void shouldBindOverriddenKeys() {
		FraudRulesProperties properties = bind(Map.of("fraud.rules.disposable-domains", "a.example,b.example",
				"fraud.rules.velocity.window", "15m", "fraud.rules.decision.deny-from", "90"));

		assertThat(properties.disposableDomains()).containsExactly("a.example", "b.example");
		assertThat(properties.velocity().window()).isEqualTo(Duration.ofMinutes(15));
		assertThat(properties.decision().denyFrom()).isEqualTo(90);
		assertThat(properties.decision().reviewFrom()).isEqualTo(50);
	}

	private static FraudRulesProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("fraud.rules",
				FraudRulesProperties.class);
	}

}
