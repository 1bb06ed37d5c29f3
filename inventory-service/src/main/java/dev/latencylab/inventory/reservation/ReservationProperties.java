package dev.latencylab.inventory.reservation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of reservations ({@code inventory.reservations.*}).
 *
 * @param ttl how long a {@code PENDING} reservation holds stock before it is expired
 * @param expiryInterval how long the expiry job waits between two runs
 * @param expiryBatchSize how many overdue reservations one expiry transaction handles
 */
@ConfigurationProperties("inventory.reservations")
public record ReservationProperties(@DefaultValue("15m") Duration ttl, @DefaultValue("30s") Duration expiryInterval,
		@DefaultValue("100") int expiryBatchSize) {

	public ReservationProperties {
		if (ttl.isNegative() || ttl.isZero()) {
			throw new IllegalArgumentException("inventory.reservations.ttl must be positive, not " + ttl);
		}
		if (expiryInterval.isNegative() || expiryInterval.isZero()) {
			throw new IllegalArgumentException(
					"inventory.reservations.expiry-interval must be positive, not " + expiryInterval);
		}
		if (expiryBatchSize < 1) {
			throw new IllegalArgumentException(
					"inventory.reservations.expiry-batch-size must be at least 1, not " + expiryBatchSize);
		}
	}

}
