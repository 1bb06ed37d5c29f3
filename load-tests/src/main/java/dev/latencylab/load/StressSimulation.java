package dev.latencylab.load;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import dev.latencylab.traffic.OrderKind;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;

/**
 * Finds the knee: customer checkouts at an arrival rate that rises in steps, each step
 * held long enough for the lab to settle. Each step's checkouts carry the step in their
 * name ({@code checkout step 03 at 6/s}), so the report's statistics table has one row
 * per step: the knee is the first step whose p95 and p99 jump while the rate rose by the
 * same amount as before, and the step from which responses per second stop following
 * requests per second (load-tests/README.md, "Reading the knee").
 *
 * <p>
 * Properties: {@code startRate} (checkouts per second of the first step: {@code rate}
 * when that is given, else 2), {@code stepRate} (added per step, 2), {@code steps} (10),
 * {@code stepDuration} (seconds per step, 30), {@code p99Ms} (2000) and
 * {@code maxErrorPercent} (1) over all checkouts, and those of {@link LabTraffic}.
 */
public class StressSimulation extends Simulation {

	{
		LoadProperties properties = LoadProperties.system();
		LabTraffic traffic = new LabTraffic(properties);
		double startRate = properties.positive("startRate", properties.positive("rate", 2));
		double stepRate = properties.positive("stepRate", 2);
		int steps = properties.count("steps", 10);
		if (steps < 1) {
			throw new IllegalArgumentException("steps must be 1 or more");
		}
		Duration stepDuration = properties.seconds("stepDuration", 30);
		// the n-th arrival's step, from how many users each step injects (its rate times
		// its duration): exact where timing would blur the boundaries
		long[] lastUserOfStep = new long[steps];
		long users = 0;
		for (int step = 0; step < steps; step++) {
			users += Math.round((startRate + step * stepRate) * stepDuration.toMillis() / 1000.0);
			lastUserOfStep[step] = users;
		}
		AtomicLong arrivals = new AtomicLong();
		setUp(traffic.shoppers("stress shoppers", OrderKind::customersOnly, (session) -> {
			long user = arrivals.incrementAndGet();
			int step = 0;
			while (step < steps - 1 && user > lastUserOfStep[step]) {
				step++;
			}
			return session.set("request", stepName(step, startRate + step * stepRate));
		})
			.injectOpen(
					incrementUsersPerSec(stepRate).times(steps).eachLevelLasting(stepDuration).startingFrom(startRate)))
			.protocols(traffic.protocol())
			.assertions(global().responseTime().percentile(99.0).lte((int) properties.positive("p99Ms", 2000)),
					global().failedRequests().percent().lte(properties.atLeastZero("maxErrorPercent", 1)));
	}

	/**
	 * @param step the step, from 0
	 * @param rate its arrival rate
	 * @return the name of that step's checkouts
	 */
	static String stepName(int step, double rate) {
		String perSecond = (rate == Math.rint(rate)) ? String.valueOf((long) rate) : String.valueOf(rate);
		return "%s step %02d at %s/s".formatted(LabTraffic.CHECKOUT, step + 1, perSecond);
	}

}
