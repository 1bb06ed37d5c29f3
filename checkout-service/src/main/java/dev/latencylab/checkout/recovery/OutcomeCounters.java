package dev.latencylab.checkout.recovery;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One counter per outcome of a recovery round's work, tagged {@code outcome}, each
 * registered at once so that a dashboard shows zeros before the first crash.
 *
 * @param <E> the outcomes
 */
final class OutcomeCounters<E extends Enum<E>> {

	private final Map<E, Counter> counters;

	OutcomeCounters(MeterRegistry meters, String name, String description, Class<E> outcomes) {
		this.counters = new EnumMap<>(outcomes);
		for (E outcome : outcomes.getEnumConstants()) {
			this.counters.put(outcome,
					Counter.builder(name)
						.description(description)
						.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
						.register(meters));
		}
	}

	void increment(E outcome) {
		this.counters.get(outcome).increment();
	}

}
