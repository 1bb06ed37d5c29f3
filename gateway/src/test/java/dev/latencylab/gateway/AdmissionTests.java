package dev.latencylab.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.latencylab.kit.LabMetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Overload shedding on the checkout route, in front of a plain HTTP server standing in
 * for checkout-service that holds every request until the test lets it answer: a stall
 * (checkouts piling up at the usual rate) is never shed, a burst beyond the rate and the
 * free in-flight allowance is, with a problem and {@code Retry-After}, and quick requests
 * are never shed however fast they come. Scaled down: 2 checkouts a second, 3 in flight
 * free.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "gateway.admission.rate=2",
		"gateway.admission.window=1s", "gateway.admission.free-in-flight=3" })
class AdmissionTests {

	private static volatile CountDownLatch answer = new CountDownLatch(0);

	private static final StandInCheckout checkout = new StandInCheckout(AdmissionTests::answer);

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

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
	void checkoutAnswersAtOnce() throws InterruptedException {
		checkout.calls().set(0);
		answer = new CountDownLatch(0);
		// a fresh rate window
		TimeUnit.MILLISECONDS.sleep(1_100);
	}

	@AfterEach
	void nothingLeftInFlight() {
		answer.countDown();
		await("nothing in flight").atMost(Duration.ofSeconds(10)).until(() -> inFlight() == 0);
	}

	@Test
	void shouldAdmitCheckoutsThatPileUpAtTheUsualRate() throws Exception {
		// a fault's stall: checkout answers nothing, checkouts keep arriving below the
		// rate (1.25 a second against 2: three within a second only if one is held up
		// by 600 ms on its way to the gateway's filter)
		answer = new CountDownLatch(1);
		List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			sent.add(checkoutAsync());
			TimeUnit.MILLISECONDS.sleep(800);
		}
		await("every checkout at checkout-service").atMost(Duration.ofSeconds(5))
			.until(() -> checkout.calls().get() == 7);
		assertThat(inFlight()).as("checkouts in flight, more than the free 3").isEqualTo(7);

		answer.countDown();

		for (CompletableFuture<HttpResponse<String>> response : sent) {
			assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
		}
	}

	@Test
	void shouldShedABurstBeyondTheRateAndTheFreeInFlightWithAProblemAndRetryAfter() throws Exception {
		answer = new CountDownLatch(1);
		double shedBefore = shed();

		List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			sent.add(checkoutAsync());
		}
		List<HttpResponse<String>> turnedAway = new ArrayList<>();
		for (CompletableFuture<HttpResponse<String>> response : sent) {
			try {
				// the shed ones are answered while checkout still holds the others
				turnedAway.add(response.get(2, TimeUnit.SECONDS));
			}
			catch (java.util.concurrent.TimeoutException ex) {
				// admitted, waiting for checkout
			}
		}
		int admitted = sent.size() - turnedAway.size();
		answer.countDown();

		// more than 2 a second arrived: beyond the 3 free in flight, none
		assertThat(admitted).as("checkouts let in").isEqualTo(3);
		assertThat(checkout.calls()).as("requests that reached checkout").hasValue(admitted);
		assertThat(turnedAway).allSatisfy((response) -> {
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(response.body()).contains("\"type\":\"https://latency-lab.dev/problems/overloaded\"")
				.contains("\"instance\":\"/api/checkout\"")
				.containsPattern("\\d+ in flight, and more than 2 a second arriving");
		});
		assertThat(shed() - shedBefore).as("%s counted", LabMetrics.GATEWAY_SHED).isEqualTo(turnedAway.size());
		for (CompletableFuture<HttpResponse<String>> response : sent) {
			if (!response.get(10, TimeUnit.SECONDS).headers().firstValue("Retry-After").isPresent()) {
				assertThat(response.get().statusCode()).as("an admitted checkout").isEqualTo(201);
			}
		}

		// the next second, the lab admits again
		await("nothing in flight").atMost(Duration.ofSeconds(10)).until(() -> inFlight() == 0);
		TimeUnit.MILLISECONDS.sleep(1_100);
		assertThat(checkoutAsync().get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
	}

	@Test
	void shouldNeverShedQuickRequestsHoweverFastTheyCome() throws Exception {
		// what the fuzz test sends: far above the rate, but each answered at once
		double shedBefore = shed();
		List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
		for (int batch = 0; batch < 50; batch++) {
			sent.clear();
			for (int i = 0; i < 3; i++) {
				sent.add(checkoutAsync());
			}
			for (CompletableFuture<HttpResponse<String>> response : sent) {
				assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
			}
		}

		assertThat(checkout.calls()).hasValue(150);
		assertThat(shed()).isEqualTo(shedBefore);
	}

	private double shed() {
		return this.meters.get(LabMetrics.GATEWAY_SHED).counter().count();
	}

	private double inFlight() {
		return this.meters.get(LabMetrics.GATEWAY_IN_FLIGHT).gauge().value();
	}

	private CompletableFuture<HttpResponse<String>> checkoutAsync() {
		return this.http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/checkout"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static StandInCheckout.Answer answer() throws InterruptedException {
		answer.await(30, TimeUnit.SECONDS);
		return StandInCheckout.Answer.confirmed();
	}

}
