package dev.latencylab.payment.fault;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

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
class GcPauseApiTests {

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestFlags flags;

	@Autowired
	RiskProfiles riskProfiles;

	@Autowired
	PaymentFaultsProperties faults;

	Api api;

	@BeforeEach
	void emptyTables() {
		this.api = new Api(this.port, this.json, this.jdbc);
		this.api.deleteEverything();
		this.riskProfiles.clear();
	}

	@AfterEach
	void everythingOff() {
		this.flags.reset();
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
