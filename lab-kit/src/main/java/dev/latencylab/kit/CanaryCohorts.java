package dev.latencylab.kit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;

/**
 * The cohorts of a canary: for every flag being rolled out (each scenario's fix and bad
 * fix, and {@code lab.flags.cohorts}), which side an order is on. The service where the
 * customer's time is measured (checkout) tags its span with {@code lab.cohort.<flag>} =
 * the variant, and times the order into {@link LabMetrics#CANARY_CHECKOUTS}, so that a
 * canary can compare the cohorts by their traces or their metrics. The order id is the
 * targeting key, as in every service, so an order is on the same side everywhere.
 */
public class CanaryCohorts {

	/** The span attribute prefix; the flag's key follows. */
	public static final String ATTRIBUTE_PREFIX = "lab.cohort.";

	private final LabFlags flags;

	private final MeterRegistry meters;

	private final List<String> candidates;

	/**
	 * @param flags the lab's flags
	 * @param meters where the cohorts' timers go
	 * @param extraFlags flags to split by besides the scenarios' fixes
	 */
	public CanaryCohorts(LabFlags flags, MeterRegistry meters, List<String> extraFlags) {
		this.flags = flags;
		this.meters = meters;
		Set<String> candidates = new LinkedHashSet<>();
		for (Scenario scenario : Scenario.values()) {
			candidates.add(scenario.fixFlag());
			scenario.badFixFlag().ifPresent(candidates::add);
		}
		candidates.addAll(extraFlags);
		this.candidates = List.copyOf(candidates);
	}

	/**
	 * The order's cohorts, tagged on the current span.
	 * @param orderId the order
	 * @param customerId its customer, or {@code null}
	 * @return one cohort per flag that splits traffic now (empty when none does)
	 */
	public List<Cohort> of(String orderId, String customerId) {
		FlagContext context = FlagContext.order(orderId, customerId);
		List<Cohort> cohorts = new ArrayList<>();
		for (String flag : this.candidates) {
			this.flags.cohort(flag, context).ifPresent((variant) -> {
				cohorts.add(new Cohort(flag, variant));
				Span.current().setAttribute(ATTRIBUTE_PREFIX + flag, variant);
			});
		}
		return cohorts;
	}

	/**
	 * Times one order into its cohorts.
	 * @param cohorts the order's cohorts
	 * @param took how long the customer waited
	 * @param error whether it failed on the lab's side (not a business refusal)
	 */
	public void record(List<Cohort> cohorts, Duration took, boolean error) {
		for (Cohort cohort : cohorts) {
			Timer.builder(LabMetrics.CANARY_CHECKOUTS)
				.description("Checkouts of a canary's cohorts")
				.tag("flag", cohort.flag())
				.tag("variant", cohort.variant())
				.tag("outcome", error ? "error" : "ok")
				.publishPercentileHistogram()
				.register(this.meters)
				.record(took);
		}
	}

	/**
	 * One side of one rollout.
	 *
	 * @param flag the flag being rolled out
	 * @param variant the side: {@code on} has it
	 */
	public record Cohort(String flag, String variant) {
	}

}
