package dev.latencylab.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checkout route's circuit breaker and request timeout in front of a plain HTTP
 * server standing in for checkout-service, with the request timeout scaled down to 1.5 s
 * and the breaker judging 4 requests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "gateway.checkout-breaker.request-timeout=1500ms",
				"gateway.checkout-breaker.slow-call-duration-threshold=3s",
				"gateway.checkout-breaker.sliding-window-size=4", "gateway.checkout-breaker.minimum-number-of-calls=4",
				"gateway.checkout-breaker.wait-in-open-state=1m" })
class CheckoutBreakerTests {

	private static volatile long delayMillis;

	private static volatile int status;

	private static final StandInCheckout checkout = new StandInCheckout(CheckoutBreakerTests::answer);

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	CircuitBreakerRegistry breakers;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry registry) {
		checkout.register(registry);
	}

	@AfterAll
	static void stopCheckout() {
		checkout.stop();
	}

	@BeforeEach
	void healthyCheckoutAndClosedBreaker() {
		checkout.calls().set(0);
		delayMillis = 0;
		status = 201;
		this.breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
	}

	@Test
	void shouldRelaySlowCheckoutsWithinTheRequestTimeoutWithoutOpening() throws Exception {
		// the lab's fault scenarios: slow, but answered
		delayMillis = 500;

		for (int i = 0; i < 5; i++) {
			assertThat(checkout().statusCode()).isEqualTo(201);
		}

		assertThat(checkout.calls()).hasValue(5);
		assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void shouldRelayCheckoutsOwnProblemsWithoutOpening() throws Exception {
		status = 503;

		HttpResponse<String> last = null;
		for (int i = 0; i < 5; i++) {
			last = checkout();
		}

		assertThat(last.statusCode()).isEqualTo(503);
		assertThat(last.body()).contains("dependency-unavailable");
		assertThat(checkout.calls()).hasValue(5);
		assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void shouldAnswerAGatewayTimeoutProblemAfterTheRequestTimeout() throws Exception {
		delayMillis = 3_000;

		long start = System.nanoTime();
		HttpResponse<String> response = checkout();
		long millis = (System.nanoTime() - start) / 1_000_000;

		assertThat(response.statusCode()).isEqualTo(504);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("upstream-timeout").contains("\"instance\":\"/api/checkout\"");
		assertThat(millis).isLessThan(2_800);
	}

	@Test
	void shouldOpenAfterFailuresAndThenAnswer503WithoutCallingCheckout() throws Exception {
		delayMillis = 2_000;
		double rejectedBefore = value("resilience4j.circuitbreaker.not.permitted.calls", "name", "checkout");
		for (int i = 0; i < 4; i++) {
			assertThat(checkout().statusCode()).isEqualTo(504);
		}

		long start = System.nanoTime();
		HttpResponse<String> rejected = checkout();
		long millis = (System.nanoTime() - start) / 1_000_000;

		assertThat(rejected.statusCode()).isEqualTo(503);
		assertThat(rejected.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(rejected.body()).contains("upstream-circuit-open");
		assertThat(millis).isLessThan(500);
		assertThat(checkout.calls()).as("requests that reached checkout").hasValue(4);
		assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(value("resilience4j.circuitbreaker.state", "name", "checkout", "state", "open")).isEqualTo(1);
		assertThat(value("resilience4j.circuitbreaker.not.permitted.calls", "name", "checkout") - rejectedBefore)
			.isEqualTo(1);
	}

	@Test
	void shouldAnswerNotFoundForTheFallbackPathAskedDirectly() throws Exception {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + CheckoutBreaker.FALLBACK_PATH))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(404);
	}

	private CircuitBreaker breaker() {
		return this.breakers.circuitBreaker(CheckoutBreaker.NAME);
	}

	private double value(String meter, String... tags) {
		return this.meters.get(meter).tags(tags).meter().measure().iterator().next().getValue();
	}

	private HttpResponse<String> checkout() throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/checkout"))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", "key-1")
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static StandInCheckout.Answer answer() throws InterruptedException {
		Thread.sleep(delayMillis);
		return (status == 201) ? StandInCheckout.Answer.confirmed()
				: new StandInCheckout.Answer(status, "application/problem+json",
						"{\"type\":\"https://latency-lab.dev/problems/dependency-unavailable\",\"status\":503}");
	}

}
