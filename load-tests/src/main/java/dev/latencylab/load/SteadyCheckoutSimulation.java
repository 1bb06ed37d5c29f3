package dev.latencylab.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.latencylab.traffic.OrderKind;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;

/**
 * Steady checkout traffic with a realistic mix, at a constant arrival rate: shoppers
 * (customers, long-email customers, large baskets, fraudsters, expired and declined
 * cards, unknown SKUs: {@link OrderKind#realisticMix}) and browsers (a catalogue page and
 * a product). Fails when the checkout's p99 or the share of failed requests is too high.
 *
 * <p>
 * Properties: {@code rate} (checkouts per second, 4), {@code browseRate} (browsers per
 * second, as {@code rate}; 0 for none), {@code duration} (seconds, 120), {@code p99Ms}
 * (2000), {@code maxErrorPercent} (1), and those of {@link LabTraffic}.
 */
public class SteadyCheckoutSimulation extends Simulation {

	{
		LoadProperties properties = LoadProperties.system();
		LabTraffic traffic = new LabTraffic(properties);
		double rate = properties.positive("rate", 4);
		double browseRate = properties.atLeastZero("browseRate", rate);
		Duration duration = properties.seconds("duration", 120);
		List<PopulationBuilder> populations = new ArrayList<>();
		populations.add(traffic.shoppers("shoppers", OrderKind::realisticMix)
			.injectOpen(constantUsersPerSec(rate).during(duration)));
		if (browseRate > 0) {
			populations.add(traffic.browsers().injectOpen(constantUsersPerSec(browseRate).during(duration)));
		}
		setUp(populations).protocols(traffic.protocol())
			.assertions(
					details(LabTraffic.CHECKOUT).responseTime()
						.percentile(99.0)
						.lte((int) properties.positive("p99Ms", 2000)),
					global().failedRequests().percent().lte(properties.atLeastZero("maxErrorPercent", 1)));
	}

}
