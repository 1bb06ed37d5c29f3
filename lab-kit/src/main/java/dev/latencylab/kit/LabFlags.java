package dev.latencylab.kit;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Value;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;

/**
 * The lab's feature flags (faults and fixes), read through OpenFeature from the flagd
 * flags file. Every evaluation is visible: the current span gets {@code feature_flag.key}
 * and {@code feature_flag.variant} (and an event per flag), and the counter
 * {@code lab.flag.evaluations} is tagged with the flag and its variant.
 */
public class LabFlags {

	/** The variant that switches a fault or fix on. */
	public static final String ON = "on";

	static final String EVALUATIONS = LabMetrics.PREFIX + "flag.evaluations";

	private static final AttributeKey<String> KEY = AttributeKey.stringKey("feature_flag.key");

	private static final AttributeKey<String> VARIANT = AttributeKey.stringKey("feature_flag.variant");

	private final Client client;

	private final MeterRegistry meters;

	public LabFlags(Client client, MeterRegistry meters) {
		this.client = client;
		this.meters = meters;
	}

	/**
	 * Whether a flag is on for this context.
	 * @param flag the flag key, e.g. {@code inventory-row-lock}
	 * @param context who it is evaluated for
	 * @return {@code true} for the {@code on} variant; {@code false} for any other and
	 * when the flag is unknown or the file unreadable
	 */
	public boolean isOn(String flag, FlagContext context) {
		FlagEvaluationDetails<Boolean> details = this.client.getBooleanDetails(flag, false, evaluationContext(context));
		String variant = (details.getVariant() != null) ? details.getVariant()
				: (Boolean.TRUE.equals(details.getValue()) ? ON : "off");
		record(flag, variant);
		return Boolean.TRUE.equals(details.getValue());
	}

	/**
	 * The variant of a flag this context gets, if the flag splits traffic: in a
	 * percentage rollout (either variant), or on for everyone. Records nothing.
	 * @param flag the flag key
	 * @param context who it is evaluated for
	 * @return the variant, or empty when the flag is off for everyone, unknown or
	 * unreadable
	 */
	public Optional<String> cohort(String flag, FlagContext context) {
		FlagEvaluationDetails<Boolean> details = this.client.getBooleanDetails(flag, false, evaluationContext(context));
		if (details.getErrorCode() != null || details.getVariant() == null) {
			return Optional.empty();
		}
		boolean targeted = Reason.TARGETING_MATCH.name().equals(details.getReason())
				|| Reason.SPLIT.name().equals(details.getReason());
		return (targeted || Boolean.TRUE.equals(details.getValue())) ? Optional.of(details.getVariant())
				: Optional.empty();
	}

	private void record(String flag, String variant) {
		Span span = Span.current();
		span.setAttribute(KEY, flag);
		span.setAttribute(VARIANT, variant);
		span.addEvent("feature_flag.evaluation", Attributes.of(KEY, flag, VARIANT, variant));
		Counter.builder(EVALUATIONS).tag("flag", flag).tag("variant", variant).register(this.meters).increment();
	}

	private static ImmutableContext evaluationContext(FlagContext context) {
		Map<String, Value> attributes = new HashMap<>();
		if (context.customerId() != null) {
			attributes.put("customerId", new Value(context.customerId()));
		}
		return (context.orderId() != null) ? new ImmutableContext(context.orderId(), attributes)
				: new ImmutableContext(attributes);
	}

}
