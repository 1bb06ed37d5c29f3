package dev.latencylab.runner;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lab started again over its kept data keeps its switched flags and gains the flags the
 * repository has added since.
 */
class LabSetupTest {

	@Test
	void shouldKeepSwitchedFlagsAndAddNewOnes() {
		String kept = """
				{"flags": {
				  "inventory-row-lock": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "on"}
				}}""";
		String repository = """
				{"flags": {
				  "inventory-row-lock": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off"},
				  "checkout-resilience": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off"}
				}}""";

		String merged = LabSetup.withNewFlags(kept, repository);

		assertThat(merged).contains("\"checkout-resilience\"");
		assertThat(merged.replace(" ", "")).contains("\"defaultVariant\":\"on\"");
		assertThat(LabSetup.withNewFlags(repository, repository)).isEqualTo(repository);
	}

}
