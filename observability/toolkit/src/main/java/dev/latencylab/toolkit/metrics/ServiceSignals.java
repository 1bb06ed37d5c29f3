package dev.latencylab.toolkit.metrics;

import java.util.EnumMap;
import java.util.Map;

import dev.latencylab.toolkit.metrics.PrometheusReader.Signal;

/**
 * One application's signals in the diagnosed window and in the stretch before it.
 *
 * @param application the application
 * @param window each signal's value in the window (absent when Prometheus has no series)
 * @param baseline each signal's value before the window
 */
public record ServiceSignals(String application, Map<Signal, Double> window, Map<Signal, Double> baseline) {

	/**
	 * @param signal a signal
	 * @return its value in the window, 0 when there is none
	 */
	public double in(Signal signal) {
		return this.window.getOrDefault(signal, 0.0);
	}

	/**
	 * @param signal a signal
	 * @return its value before the window, 0 when there is none
	 */
	public double before(Signal signal) {
		return this.baseline.getOrDefault(signal, 0.0);
	}

	static final class Builder {

		private final String application;

		private final Map<Signal, Double> window = new EnumMap<>(Signal.class);

		private final Map<Signal, Double> baseline = new EnumMap<>(Signal.class);

		Builder(String application) {
			this.application = application;
		}

		Builder window(Signal signal, double value) {
			this.window.put(signal, value);
			return this;
		}

		Builder baseline(Signal signal, double value) {
			this.baseline.put(signal, value);
			return this;
		}

		ServiceSignals build() {
			return new ServiceSignals(this.application, Map.copyOf(this.window), Map.copyOf(this.baseline));
		}

	}

}
