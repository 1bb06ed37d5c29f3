package dev.latencylab.gateway;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When the gateway turns checkouts away ({@code gateway.admission.*}). A checkout is let
 * in while fewer than {@code freeInFlight} are in flight; beyond that, only while
 * checkouts arrive at no more than {@code rate} a second (counted over a sliding
 * {@code window}; for a second after more arrived within one, none is let in beyond
 * {@code freeInFlight}). A stalled lab (a fault: checkouts pile up, but arrive at the
 * usual rate) keeps admitting; an overloaded one (more arriving than it can serve) holds
 * {@code freeInFlight} in flight, so the checkouts it admits wait for about
 * {@code freeInFlight} / throughput, however slow the lab has become.
 *
 * @param enabled whether the gateway sheds at all
 * @param rate arrivals a second above which, with {@code freeInFlight} in flight, the
 * gateway sheds: below the lab's knee, the rate above which its latency climbs
 * @param freeInFlight checkouts in flight below which every checkout is admitted,
 * whatever the rate: enough for bursts of cheap requests, few enough that the admitted
 * ones do not queue
 * @param window the rate's window: {@code rate} times this many arrivals within any
 * window of this length are within the rate
 */
@ConfigurationProperties("gateway.admission")
record AdmissionProperties(@DefaultValue("true") boolean enabled, @DefaultValue("12") double rate,
		@DefaultValue("8") int freeInFlight, @DefaultValue("250ms") Duration window) {

	AdmissionProperties {
		if (!(rate > 0)) {
			throw new IllegalArgumentException("gateway.admission.rate must be above 0, not " + rate);
		}
		if (freeInFlight < 1) {
			throw new IllegalArgumentException(
					"gateway.admission.free-in-flight must be 1 or more, not " + freeInFlight);
		}
		if (window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException("gateway.admission.window must be positive, not " + window);
		}
	}

	/**
	 * @return checkouts admitted by rate within one window, at least 1
	 */
	int perWindow() {
		return (int) Math.max(1, Math.round(this.rate * this.window.toNanos() / 1e9));
	}

}
