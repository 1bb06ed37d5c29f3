package dev.latencylab.fraud.scoring;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latencylab.fraud.FraudServiceTest;
import dev.latencylab.kit.test.BodyFuzzer;
import dev.latencylab.kit.test.ServiceClient;

import static dev.latencylab.fraud.scoring.ScoreApi.SCORES;
import static dev.latencylab.fraud.scoring.ScoreApi.ordinaryOrder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ten thousand broken score requests, made from one that is accepted: each is refused
 * with a 4xx, and no assessment or order history is written.
 */
@FraudServiceTest
class ScoreFuzzTests {

	@Autowired
	ServiceClient service;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Test
	void shouldRefuseTenThousandBrokenScoreRequestsWithoutWritingAnything() {
		String before = rows();

		BodyFuzzer.Report report = new BodyFuzzer(this.json.writeValueAsString(ordinaryOrder("jane_doe")), 64 * 1024)
			.send(this.service, SCORES, (request) -> request, 10_000, 20261205L);

		System.out.println("fraud " + report.summary());
		assertThat(report.wrong()).as("answers other than 4xx").isEmpty();
		assertThat(rows()).as("order history, assessments and their reasons").isEqualTo(before);
		assertThat(BodyFuzzer.health(this.service)).isEqualTo(200);
	}

	private String rows() {
		return this.jdbc.sql("""
				SELECT (SELECT count(*) FROM order_history) || ' orders, ' || (SELECT count(*) FROM assessment)
				    || ' assessments, ' || (SELECT count(*) FROM assessment_reason) || ' reasons'""")
			.query(String.class)
			.single();
	}

}
