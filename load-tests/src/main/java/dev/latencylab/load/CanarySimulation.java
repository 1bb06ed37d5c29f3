package dev.latencylab.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.latencylab.traffic.OrderKind;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;

/**
 * The traffic under a canary: steady checkouts of customers only (no browsing, no bad
 * requests; hot products and long email addresses as ever), while a fix is rolled out to
 * a share of the orders. The verdict comes from the toolkit, which compares the two
 * cohorts, so by default this run asserts nothing: set {@code p99Ms} or
 * {@code maxErrorPercent} to make it.
 *
 * <p>
 * Properties: {@code rate} (checkouts per second, 4), {@code duration} (seconds, 600),
 * {@code p99Ms} (off), {@code maxErrorPercent} (off), and those of {@link LabTraffic}.
 */
public class CanarySimulation extends Simulation {

	{
		LoadProperties properties = LoadProperties.system();
		LabTraffic traffic = new LabTraffic(properties);
		double rate = properties.positive("rate", 4);
		Duration duration = properties.seconds("duration", 600);
		List<Assertion> assertions = new ArrayList<>();
		if (properties.number("p99Ms").isPresent()) {
			int p99Ms = (int) properties.positive("p99Ms", 0);
			assertions.add(details(LabTraffic.CHECKOUT).responseTime().percentile(99.0).lte(p99Ms));
		}
		if (properties.number("maxErrorPercent").isPresent()) {
			double maxErrorPercent = properties.atLeastZero("maxErrorPercent", 0);
			assertions.add(global().failedRequests().percent().lte(maxErrorPercent));
		}
		setUp(traffic.shoppers("canary shoppers", OrderKind::customersOnly)
			.injectOpen(constantUsersPerSec(rate).during(duration))).protocols(traffic.protocol())
			.assertions(assertions);
	}

}
