package dev.latencylab.checkout.recovery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When the recovery job looks for checkouts a crash left half-done.
 *
 * @param staleAfter how long an order may sit in a step before it counts as abandoned:
 * longer than the slowest step can take (a capture tries three times with a 10 s read
 * timeout), since each step moves the order on
 * @param initialDelay how long after start the first round runs
 * @param interval the pause between rounds
 * @param batch at most this many orders per round
 */
@ConfigurationProperties("checkout.recovery")
public record RecoveryProperties(@DefaultValue("60s") Duration staleAfter, @DefaultValue("5s") Duration initialDelay,
		@DefaultValue("15s") Duration interval, @DefaultValue("50") int batch) {

	public RecoveryProperties {
		if (staleAfter.isNegative() || staleAfter.isZero() || interval.isNegative() || interval.isZero()
				|| initialDelay.isNegative() || batch < 1) {
			throw new IllegalArgumentException("checkout.recovery: stale-after and interval must be positive, "
					+ "initial-delay not negative and batch at least 1");
		}
	}

}
