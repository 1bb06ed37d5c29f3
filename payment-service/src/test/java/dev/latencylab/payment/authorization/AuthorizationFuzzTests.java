package dev.latencylab.payment.authorization;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latencylab.kit.test.BodyFuzzer;
import dev.latencylab.payment.Api;
import dev.latencylab.payment.PaymentIntegrationTest;

import static dev.latencylab.payment.Api.authorizationBody;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ten thousand broken authorizations, each with its own idempotency key, made from one
 * that is accepted: each is refused with a 4xx, and no payment, ledger entry or stored
 * answer is written.
 */
@PaymentIntegrationTest
class AuthorizationFuzzTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Test
	void shouldRefuseTenThousandBrokenAuthorizationsWithoutWritingAnything() {
		String before = rows();
		AtomicInteger keys = new AtomicInteger();

		BodyFuzzer.Report report = new BodyFuzzer(authorizationBody(UUID.randomUUID(), 4999, "4111111111111111"),
				64 * 1024)
			.send(this.api, "/api/payments/authorizations",
					(request) -> request.header("Idempotency-Key", "fuzz-" + keys.incrementAndGet()), 10_000,
					20261205L);

		System.out.println("payment " + report.summary());
		assertThat(report.wrong()).as("answers other than 4xx").isEmpty();
		assertThat(rows()).as("payments, ledger entries, stored answers").isEqualTo(before);
		assertThat(BodyFuzzer.health(this.api)).isEqualTo(200);
	}

	private String rows() {
		return this.jdbc.sql("""
				SELECT (SELECT count(*) FROM payment) || ' payments, ' || (SELECT count(*) FROM ledger_entry)
				    || ' ledger entries, ' || (SELECT count(*) FROM idempotent_request) || ' stored answers'""")
			.query(String.class)
			.single();
	}

}
