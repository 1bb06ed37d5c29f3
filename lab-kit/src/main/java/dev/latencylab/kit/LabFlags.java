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
 * {@code lab.flag.evaluations} is tagged with the flag and its variant. Every switch is
 * visible too: {@link LabMetrics#FLAG_SWITCHES} says when a flag switched and to which
 * variant. During a {@link BlindDrill blind drill} the catalogue's flags are shown under
 * opaque ids ({@link #shown(String)}).
 */
public class LabFlags {

	/** The variant that switches a fault or fix on. */
	public static final String ON = "on";

	static final String EVALUATIONS = LabMetrics.PREFIX + "flag.evaluations";

	private static final String FAULT_EVENT = "lab.fault ";

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

	/**
	 * @return whether a blind drill runs: the catalogue's flags must not be named in
	 * anything a person looks at
	 */
	public boolean isBlind() {
		return !drillKey().isEmpty();
	}

	/**
	 * @param flag a flag key
	 * @return the name under which logs, spans and metrics may show it: the key itself,
	 * or its opaque id while a blind drill hides it
	 */
	public String shown(String flag) {
		String key = drillKey();
		return (key.isEmpty() || !BlindDrill.hides(flag)) ? flag : BlindDrill.opaqueId(key, flag);
	}

	/**
	 * Marks the current span where a fault (or its fix) acted, so that a trace shows it:
	 * an event {@code lab.fault <flag>: <what>}, or only the opaque id during a blind
	 * drill.
	 * @param flag the fault's or the fix's flag
	 * @param what what it did, e.g. {@code "the issuer answers in 5s"}
	 */
	public void markFault(String flag, String what) {
		Span.current().addEvent(isBlind() ? FAULT_EVENT + shown(flag) : FAULT_EVENT + flag + ": " + what);
	}

	private String drillKey() {
		return this.client.getStringValue(BlindDrill.FLAG, "");
	}

	private void record(String flag, String variant) {
		flag = shown(flag);
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
