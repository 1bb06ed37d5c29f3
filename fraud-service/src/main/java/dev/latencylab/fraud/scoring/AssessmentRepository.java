package dev.latencylab.fraud.scoring;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.latencylab.fraud.rules.Assessment;
import dev.latencylab.fraud.rules.Decision;
import dev.latencylab.fraud.rules.Reason;

/**
 * Stored assessments with their reasons, so a repeated order gets the same answer.
 */
@Repository
class AssessmentRepository {

	private final JdbcClient jdbc;

	AssessmentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void save(Assessment assessment, Instant createdAt) {
		this.jdbc.sql("""
				INSERT INTO assessment (order_id, customer_id, decision, score, created_at)
				VALUES (:orderId, :customerId, :decision, :score, :createdAt)
				""")
			.param("orderId", assessment.orderId())
			.param("customerId", assessment.customerId())
			.param("decision", assessment.decision().name())
			.param("score", assessment.score())
			.param("createdAt", createdAt.atOffset(ZoneOffset.UTC))
			.update();
		List<Reason> reasons = assessment.reasons();
		for (int position = 0; position < reasons.size(); position++) {
			Reason reason = reasons.get(position);
			this.jdbc.sql("""
					INSERT INTO assessment_reason (order_id, position, rule, points, detail)
					VALUES (:orderId, :position, :rule, :points, :detail)
					""")
				.param("orderId", assessment.orderId())
				.param("position", position)
				.param("rule", reason.rule())
				.param("points", reason.points())
				.param("detail", reason.detail())
				.update();
		}
	}

	Optional<Assessment> find(UUID orderId) {
		// the header first, then its reasons: no query runs inside another's row mapper
		return this.jdbc.sql("""
				SELECT customer_id, decision, score
				FROM assessment
				WHERE order_id = :orderId
				""")
			.param("orderId", orderId)
			.query((rs, row) -> new Header(rs.getString("customer_id"), Decision.valueOf(rs.getString("decision")),
					rs.getInt("score")))
			.optional()
			.map((header) -> new Assessment(orderId, header.customerId(), header.decision(), header.score(),
					reasons(orderId)));
	}

	private List<Reason> reasons(UUID orderId) {
		return this.jdbc.sql("""
				SELECT rule, points, detail
				FROM assessment_reason
				WHERE order_id = :orderId
				ORDER BY position
				""")
			.param("orderId", orderId)
			.query((rs, row) -> new Reason(rs.getString("rule"), rs.getInt("points"), rs.getString("detail")))
			.list();
	}

	private record Header(String customerId, Decision decision, int score) {
	}

}
