package dev.latencylab.load;

import java.time.Duration;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * A run whose figures are known in advance, for {@link GatlingReportTest}:
 * {@value #USERS} users each send {@code fast}, {@code slow} and {@code flaky} once, to a
 * server that answers {@code slow} after {@value #SLOW_MS} ms and every third
 * {@code flaky} with a 500. Of its four assertions, the second and the fourth fail.
 *
 * <p>
 * Properties: {@code baseUrl}.
 */
public class ReportFixtureSimulation extends Simulation {

	static final int USERS = 30;

	static final int SLOW_MS = 300;

	{
		ScenarioBuilder users = scenario("fixture users").exec(http("fast").get("/fast"))
			.exec(http("slow").get("/slow"))
			.exec(http("flaky").get("/flaky"));
		setUp(users.injectOpen(rampUsers(USERS).during(Duration.ofSeconds(2))))
			.protocols(http.baseUrl(LoadProperties.system().baseUrl()))
			.assertions(details("slow").responseTime().min().gte(SLOW_MS),
					details("slow").responseTime().percentile(50.0).lt(SLOW_MS),
					details("fast").failedRequests().count().is(0L), global().failedRequests().percent().lte(1.0));
	}

}
