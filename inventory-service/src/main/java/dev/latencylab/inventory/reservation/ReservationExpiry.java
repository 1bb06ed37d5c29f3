package dev.latencylab.inventory.reservation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Expires {@code PENDING} reservations older than {@code inventory.reservations.ttl} and
 * gives their stock back, every {@code inventory.reservations.expiry-interval}. Several
 * instances of the service can run it at once: each locks a different batch.
 */
@Component
public class ReservationExpiry implements SchedulingConfigurer {

	private static final Logger logger = LoggerFactory.getLogger(ReservationExpiry.class);

	private final ReservationService reservations;

	private final ReservationProperties properties;

	ReservationExpiry(ReservationService reservations, ReservationProperties properties) {
		this.reservations = reservations;
		this.properties = properties;
	}

	/**
	 * Expires every overdue pending reservation, one batch per transaction.
	 * @return how many reservations were expired
	 */
	public int expireOverdue() {
		int total = 0;
		int expired;
		do {
			expired = this.reservations.expireOverdueBatch();
			total += expired;
		}
		// a short batch means nothing overdue is left, or the rest is locked by others
		while (expired == this.properties.expiryBatchSize());
		if (total > 0) {
			logger.info("Expired {} reservations older than {} and gave their stock back", total,
					this.properties.ttl());
		}
		return total;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		// the first run waits one interval too: a starting service has other work first
		registrar.addFixedDelayTask(new FixedDelayTask(this::expireOverdue, this.properties.expiryInterval(),
				this.properties.expiryInterval()));
	}

}
