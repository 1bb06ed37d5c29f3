package dev.latencylab.payment.simulator;

import java.time.Duration;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.latencylab.kit.FlagContext;
import dev.latencylab.kit.LabFlags;
import dev.latencylab.kit.Scenario;
import dev.latencylab.kit.FaultSwitch;
import dev.latencylab.payment.fault.PaymentFaultsProperties;
import dev.latencylab.payment.fault.PoolStarvation;
import dev.latencylab.payment.fault.TrafficShare;

/**
 * How long the simulated card network takes to answer for an order: at once, unless
 * {@code payment-slow-network} (its slow tail) or {@code payment-pool-starvation} (a slow
 * episode) acts on it. The fix flags do not change this latency: they change how
 * payment-service copes with it.
 */
@Component
class NetworkLatency {

	private final PaymentFaultsProperties faults;

	private final FaultSwitch slowNetwork;

	private final FaultSwitch poolStarvation;

	private final PoolStarvation episodes;

	NetworkLatency(PaymentFaultsProperties faults, LabFlags flags, PoolStarvation episodes) {
		this.faults = faults;
		this.episodes = episodes;
		this.slowNetwork = new FaultSwitch(flags, Scenario.PAYMENT_SLOW_NETWORK,
				"the card network answers " + share(faults.slowNetwork().share()) + " of orders in "
						+ faults.slowNetwork().latency(),
				"the card network is as slow as ever; payment-service no longer waits for it");
		this.poolStarvation = new FaultSwitch(flags, Scenario.PAYMENT_POOL_STARVATION,
				"the card network answers " + share(faults.poolStarvation().share()) + " of orders in "
						+ faults.poolStarvation().latency() + " during episodes of "
						+ faults.poolStarvation().duration() + " every " + faults.poolStarvation().period(),
				"the card network is as slow as ever; payment-service no longer holds a connection while it waits");
	}

	Duration of(UUID orderId) {
		FlagContext order = FlagContext.order(orderId.toString(), null);
		// payment-slow-network: a downstream's tail latency (a slow issuer) that nobody
		// budgeted for
		if (this.slowNetwork.mode(order) != FaultSwitch.Mode.OFF && TrafficShare.includes(orderId,
				Scenario.PAYMENT_SLOW_NETWORK.flag(), this.faults.slowNetwork().share())) {
			this.slowNetwork.acted("the issuer answers in " + this.faults.slowNetwork().latency());
			return this.faults.slowNetwork().latency();
		}
		// payment-pool-starvation: a moderately slow episode of the network, harmless by
		// itself, that becomes seconds of pool wait for callers holding a connection
		if (this.episodes.inEpisode() && this.poolStarvation.mode(order) != FaultSwitch.Mode.OFF && TrafficShare
			.includes(orderId, Scenario.PAYMENT_POOL_STARVATION.flag(), this.faults.poolStarvation().share())) {
			this.poolStarvation.acted("the issuer answers in " + this.faults.poolStarvation().latency());
			return this.faults.poolStarvation().latency();
		}
		return Duration.ZERO;
	}

	private static String share(double share) {
		return Math.round(share * 100) + " %";
	}

}
