package dev.latencylab.load;

import java.time.Duration;

import dev.latencylab.traffic.OrderKind;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;

/**
 * A long steady run that hunts for latency spikes: the steady run's mix for half an hour,
 * every checkout slower than {@code spikeMs} named on a {@code spike:} line (see
 * {@link SpikeLog}), and an assertion that the slowest checkout stays under that
 * threshold, so that one spike fails the run where everyone sees it.
 *
 * <p>
 * Properties: {@code rate} (checkouts per second, 4), {@code browseRate} (as
 * {@code rate}), {@code duration} (seconds, 1800), {@code spikeMs} (1000),
 * {@code spikePercentile} (which checkout percentile must stay under {@code spikeMs}:
 * 100, the maximum; 99.9 forgives one in a thousand), {@code spikeFile} (also write the
 * spike lines there), {@code maxErrorPercent} (1), and those of {@link LabTraffic}.
 */
public class SpikeHuntSimulation extends Simulation {

	{
		LoadProperties properties = LoadProperties.system();
		SpikeLog spikes = SpikeLog.from(properties, 1000);
		LabTraffic traffic = new LabTraffic(properties, spikes);
		double rate = properties.positive("rate", 4);
		double browseRate = properties.atLeastZero("browseRate", rate);
		Duration duration = properties.seconds("duration", 1800);
		double percentile = properties.positive("spikePercentile", 100);
		if (percentile > 100) {
			throw new IllegalArgumentException("spikePercentile must be at most 100, got " + percentile);
		}
		int thresholdMs = (int) Math.round(spikes.thresholdMs());
		Assertion noSpike = (percentile == 100) ? details(LabTraffic.CHECKOUT).responseTime().max().lt(thresholdMs)
				: details(LabTraffic.CHECKOUT).responseTime().percentile(percentile).lt(thresholdMs);
		var shoppers = traffic.shoppers("shoppers", OrderKind::realisticMix)
			.injectOpen(constantUsersPerSec(rate).during(duration));
		var setUp = (browseRate > 0)
				? setUp(shoppers, traffic.browsers().injectOpen(constantUsersPerSec(browseRate).during(duration)))
				: setUp(shoppers);
		setUp.protocols(traffic.protocol())
			.assertions(noSpike, global().failedRequests().percent().lte(properties.atLeastZero("maxErrorPercent", 1)));
	}

}
