package dev.latencylab.payment.fault;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;

import dev.latencylab.payment.Api;
import dev.latencylab.payment.PaymentIntegrationTest;
import dev.latencylab.kit.test.TestFlags;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code payment-gc-pause} as the service applies it: a risk profile per authorization,
 * kept without bound with the fault and in a bounded cache with the fix. The pauses
 * themselves need the lab's heap and collector: {@code RiskProfileGcTests} measures them
 * in a JVM of their own.
 */
@PaymentIntegrationTest
@ExtendWith(TestFlags.ResetAfterEach.class)
class GcPauseApiTests {

	@Autowired
	Api api;

	@Autowired
	TestFlags flags;

	@Autowired
	RiskProfiles riskProfiles;

	@Autowired
	PaymentFaultsProperties faults;

	@BeforeEach
	void noRiskProfiles() {
		this.riskProfiles.clear();
	}

	@Test
	void shouldKeepTheRiskProfileOfEveryAuthorizationWhenTheFaultIsOn() {
		this.flags.switchOn("payment-gc-pause");

		for (int i = 0; i < 12; i++) {
			assertThat(this.api.authorize(1_000).statusCode()).isEqualTo(201);
		}

		assertThat(this.riskProfiles.unboundedSize()).isEqualTo(12);
	}

	@Test
	void shouldKeepOnlyTheNewestRiskProfilesWithTheFix() {
		this.flags.switchOn("payment-gc-pause", "payment-gc-pause-fix");

		for (int i = 0; i < 12; i++) {
			assertThat(this.api.authorize(1_000).statusCode()).isEqualTo(201);
		}

		assertThat(this.riskProfiles.unboundedSize()).isZero();
		assertThat(this.riskProfiles.boundedSize()).isEqualTo(this.faults.gcPause().fixMaxProfiles());
	}

	@Test
	void shouldLetGoOfTheUnboundedCacheOnceTheFixIsOnForEveryOrder() {
		this.flags.switchOn("payment-gc-pause");
		for (int i = 0; i < 5; i++) {
			this.api.authorize(1_000);
		}
		assertThat(this.riskProfiles.unboundedSize()).isEqualTo(5);

		this.flags.switchOn("payment-gc-pause", "payment-gc-pause-fix");
		this.api.authorize(1_000);

		// otherwise the old cache stays live and the next full collection still takes
		// seconds, fix or not
		assertThat(this.riskProfiles.unboundedSize()).isZero();
		assertThat(this.riskProfiles.boundedSize()).isEqualTo(1);
	}

	@Test
	void shouldLetGoOfTheProfilesWhenTheFaultIsOff() {
		this.flags.switchOn("payment-gc-pause");
		this.api.authorize(1_000);
		this.flags.reset();

		this.api.authorize(1_000);

		assertThat(this.riskProfiles.unboundedSize()).isZero();
	}

}
