package dev.latencylab.fraud.scoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.latencylab.fraud.history.CustomerHistory;
import dev.latencylab.fraud.history.OrderHistory;
import dev.latencylab.fraud.rules.Assessment;
import dev.latencylab.fraud.rules.FraudRulesProperties;
import dev.latencylab.fraud.rules.FraudScorer;
import dev.latencylab.fraud.rules.Order;
import dev.latencylab.kit.LabMetrics;

/**
 * Scores each order exactly once: records it in the history, scores it against the
 * customer's earlier orders and stores the assessment, all in one transaction.
 */
@Service
public class ScoringService {

	private final OrderHistory history;

	private final AssessmentRepository assessments;

	private final FraudScorer scorer;

	private final Duration velocityWindow;

	private final Clock clock;

	private final MeterRegistry meters;

	ScoringService(OrderHistory history, AssessmentRepository assessments, FraudScorer scorer,
			FraudRulesProperties properties, Clock clock, MeterRegistry meters) {
		this.meters = meters;
		this.history = history;
		this.assessments = assessments;
		this.scorer = scorer;
		this.velocityWindow = properties.velocity().window();
		this.clock = clock;
	}

	/**
	 * Scores an order, or answers the stored assessment when the order was scored before.
	 * @param order the order
	 * @return its assessment
	 */
	@Transactional
	public Assessment score(Order order) {
		Instant now = this.clock.instant();
		// claim the order first: a duplicate, even a concurrent one, stops here and is
		// neither scored nor counted again
		if (!this.history.add(order.orderId(), order.customerId(), order.amountCents(), now)) {
			return this.assessments.find(order.orderId())
				.orElseThrow(() -> new IllegalStateException("Order " + order.orderId() + " has no assessment"));
		}
		CustomerHistory customer = this.history.of(order.customerId(), order.orderId(), now, this.velocityWindow);
		Assessment assessment = this.scorer.score(order, customer);
		this.assessments.save(assessment, now);
		Counter.builder(LabMetrics.FRAUD_DECISIONS)
			.tag("decision", assessment.decision().name())
			.register(this.meters)
			.increment();
		return assessment;
	}

	/**
	 * The stored assessment of an order.
	 * @param orderId the order
	 * @return its assessment, or empty when it was never scored
	 */
	@Transactional(readOnly = true)
	public Optional<Assessment> find(UUID orderId) {
		return this.assessments.find(orderId);
	}

}
