package dev.latencylab.kit.internal;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EventDetails;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.ProviderEvent;
import dev.openfeature.sdk.Reason;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import dev.latencylab.kit.LabFlags;
import dev.latencylab.kit.LabMetrics;

/**
 * Makes a flag switch visible as a metric. When the flags provider reports a
 * configuration change naming a flag (flagd's file resolver does, with the keys of the
 * flags whose definition changed), the gauge {@link LabMetrics#FLAG_SWITCHES} of that
 * flag is set to the time this service saw the change, in seconds since the epoch, and
 * tagged with the variant the flag now serves to everyone, or {@link #ROLLOUT} while its
 * targeting splits orders between variants. One series per flag: the previous variant's
 * goes. Grafana draws each switch at that time (an annotation with "series value as
 * timestamp").
 * <p>
 * Nothing is recorded at start-up: a service that starts knows what the flags are, not
 * when they were switched. During a {@link dev.latencylab.kit.BlindDrill blind drill} the
 * flag goes by {@link LabFlags#shown(String)}; a series whose flag's shown name has
 * changed since (a drill started or ended) is removed.
 */
public final class FlagSwitches implements AutoCloseable {

	/** The variant tag of a flag whose targeting splits orders (a percentage rollout). */
	public static final String ROLLOUT = "rollout";

	// a targeting key, so that a fractional split applies and says so in its reason
	private static final ImmutableContext PROBE = new ImmutableContext("lab-flag-switches");

	private final Client client;

	private final LabFlags flags;

	private final MeterRegistry meters;

	private final Clock clock;

	private final Consumer<EventDetails> handler = this::configurationChanged;

	// by flag key: the series registered for it
	private final Map<String, Switch> switches = new HashMap<>();

	private FlagSwitches(Client client, LabFlags flags, MeterRegistry meters, Clock clock) {
		this.client = client;
		this.flags = flags;
		this.meters = meters;
		this.clock = clock;
	}

	/**
	 * Starts recording the switches a client's provider reports.
	 * @param client the client of the lab's flags domain
	 * @param flags the lab's flags (for the names a blind drill shows)
	 * @param meters where the gauges go
	 * @param clock the time of a switch
	 * @return the recorder; {@link #close()} stops it
	 */
	public static FlagSwitches watch(Client client, LabFlags flags, MeterRegistry meters, Clock clock) {
		FlagSwitches switches = new FlagSwitches(client, flags, meters, clock);
		client.onProviderConfigurationChanged(switches.handler);
		return switches;
	}

	@Override
	public void close() {
		this.client.removeHandler(ProviderEvent.PROVIDER_CONFIGURATION_CHANGED, this.handler);
	}

	synchronized void configurationChanged(EventDetails details) {
		this.switches.values().removeIf((recorded) -> {
			boolean renamed = !recorded.shown().equals(this.flags.shown(recorded.flag()));
			if (renamed) {
				this.meters.remove(recorded.gauge());
			}
			return renamed;
		});
		List<String> changed = (details.getFlagsChanged() != null) ? details.getFlagsChanged() : List.of();
		double seconds = this.clock.millis() / 1000.0;
		for (String flag : changed) {
			Switch previous = this.switches.remove(flag);
			if (previous != null) {
				this.meters.remove(previous.gauge());
			}
			servedVariant(flag).ifPresent((variant) -> this.switches.put(flag, register(flag, variant, seconds)));
		}
	}

	private Switch register(String flag, String variant, double seconds) {
		String shown = this.flags.shown(flag);
		Gauge gauge = Gauge.builder(LabMetrics.FLAG_SWITCHES, () -> seconds)
			.description("When this service saw the flag switch to the variant it serves now")
			.baseUnit("seconds")
			.tag("flag", shown)
			.tag("variant", variant)
			.register(this.meters);
		return new Switch(flag, shown, gauge);
	}

	private Optional<String> servedVariant(String flag) {
		FlagEvaluationDetails<?> details = this.client.getBooleanDetails(flag, false, PROBE);
		if (details.getErrorCode() == ErrorCode.TYPE_MISMATCH) {
			// the blind drill's key is a string flag
			details = this.client.getStringDetails(flag, "", PROBE);
		}
		if (details.getErrorCode() != null || details.getVariant() == null) {
			// gone from the file, or disabled: no variant is served
			return Optional.empty();
		}
		boolean split = Reason.TARGETING_MATCH.name().equals(details.getReason())
				|| Reason.SPLIT.name().equals(details.getReason());
		return Optional.of(split ? ROLLOUT : details.getVariant());
	}

	private record Switch(String flag, String shown, Gauge gauge) {
	}

}
