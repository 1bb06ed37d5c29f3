package dev.latencylab.payment.fault;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The parameters of payment-service's faults, under {@code payment.faults.*}. Each fault
 * is switched by its flag ({@code payment-gc-pause}, {@code payment-pool-starvation},
 * {@code payment-slow-network}) and fixed by its fix flag; these only shape it. The
 * defaults give checkout spikes of about 5 s on the lab's 2-core machine at the lab's
 * load (4 checkouts a second); see the README's "Faults" section.
 *
 * @param gcPause {@code payment-gc-pause}
 * @param poolStarvation {@code payment-pool-starvation}
 * @param slowNetwork {@code payment-slow-network}
 */
@ConfigurationProperties("payment.faults")
public record PaymentFaultsProperties(@DefaultValue GcPause gcPause, @DefaultValue PoolStarvation poolStarvation,
		@DefaultValue SlowNetwork slowNetwork) {

	/**
	 * @param profileEntries transaction amounts in the risk profile retained per
	 * authorization: 400,000 is about 16 MB in 800,000 small objects, so that at 4
	 * authorizations a second the old generation of a 3 GB heap fills in under a minute
	 * @param share the share of authorizations whose profile is kept, 0 to 1
	 * @param releaseAt the fraction of the old generation, measured after a full
	 * collection, at which the unbounded cache finally lets go of everything (the cycle
	 * that makes the fault intermittent)
	 * @param fixMaxProfiles how many profiles the bounded cache of the fix keeps
	 */
	public record GcPause(@DefaultValue("400000") int profileEntries, @DefaultValue("1.0") double share,
			@DefaultValue("0.75") double releaseAt, @DefaultValue("2") int fixMaxProfiles) {

		public GcPause {
			requireShare("payment.faults.gc-pause.share", share);
			requireShare("payment.faults.gc-pause.release-at", releaseAt);
		}

	}

	/**
	 * @param poolSize the connection pool's maximum size while the fault is on (the
	 * configured {@code spring.datasource.hikari.maximum-pool-size} otherwise)
	 * @param period time between the starts of two slow episodes of the card network; the
	 * first starts when the fault is switched on
	 * @param duration how long an episode lasts
	 * @param share the share of orders whose card-network call is slow during an episode
	 * @param latency how long such a call takes: short enough that the fix (no connection
	 * held across the call) keeps every authorization under a second
	 */
	public record PoolStarvation(@DefaultValue("2") int poolSize, @DefaultValue("60s") Duration period,
			@DefaultValue("12s") Duration duration, @DefaultValue("1.0") double share,
			@DefaultValue("600ms") Duration latency) {

		public PoolStarvation {
			requireShare("payment.faults.pool-starvation.share", share);
			if (poolSize < 1 || duration.compareTo(period) > 0) {
				throw new IllegalArgumentException(
						"payment.faults.pool-starvation needs pool-size >= 1 and duration <= period");
			}
		}

	}

	/**
	 * @param share the share of orders whose card-network call is slow
	 * @param latency how long such a call takes
	 * @param fixTimeout the card-network client's timeout with the fix on
	 * @param badFixTimeout the card-network client's timeout with the bad fix on
	 * ({@code payment-slow-network-badfix}): a timeout meant in seconds, read as
	 * milliseconds
	 */
	public record SlowNetwork(@DefaultValue("0.05") double share, @DefaultValue("5s") Duration latency,
			@DefaultValue("300ms") Duration fixTimeout, @DefaultValue("1ms") Duration badFixTimeout) {

		public SlowNetwork {
			requireShare("payment.faults.slow-network.share", share);
		}

	}

	private static void requireShare(String key, double share) {
		if (share < 0 || share > 1) {
			throw new IllegalArgumentException(key + " must be between 0 and 1, not " + share);
		}
	}

}
