package dev.latencylab.kit;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static dev.latencylab.kit.ProfilerRequests.admin;
import static dev.latencylab.kit.ProfilerRequests.kept;
import static dev.latencylab.kit.ProfilerRequests.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The profiler endpoint profiling this very JVM with async-profiler: a capture finds the
 * thread that burns CPU and the threads that wait for its lock, one capture runs at a
 * time, and bad or unauthorised requests change nothing.
 */
@WebMvcTest
@ImportAutoConfiguration({ LabKitAutoConfiguration.class, LabProfilerAutoConfiguration.class })
@TestPropertySource(properties = { "lab.admin.token=s3cret", "lab.profiler.max-duration=10s",
		"spring.application.name=sample-service" })
class ProfilerWebTests {

	private static final Object MONITOR = new Object();

	@Autowired
	MockMvc mvc;

	private final JsonMapper json = JsonMapper.builder().build();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private Thread burner;

	private Thread waiter;

	@BeforeEach
	void startAHotThreadThatHoldsALockAnotherOneNeeds() throws InterruptedException {
		CountDownLatch holding = new CountDownLatch(1);
		this.burner = new Thread(() -> burnWhileHoldingTheMonitor(holding), "burner");
		this.burner.start();
		holding.await();
		this.waiter = new Thread(this::waitForTheMonitorAgainAndAgain, "waiter");
		this.waiter.start();
	}

	@AfterEach
	void stopThem() throws InterruptedException {
		this.running.set(false);
		this.burner.join();
		this.waiter.join();
	}

	@Test
	void shouldFindTheHotMethodAndTheContendedMonitorInOneCapture() throws Exception {
		MvcResult created = this.mvc
			.perform(admin(post("/admin/profiler/captures")).contentType(MediaType.APPLICATION_JSON)
				.content("{\"modes\": [\"cpu\", \"wall\", \"lock\"], \"seconds\": 2}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.service").value("sample-service"))
			.andExpect(jsonPath("$.source").value("async-profiler"))
			.andExpect(jsonPath("$.seconds").value(2))
			.andReturn();
		JsonNode capture = this.json.readTree(created.getResponse().getContentAsString());
		assertThat(capture.get("modes").propertyNames()).containsExactly("cpu", "wall", "lock");
		assertThat(capture.get("modes").get("cpu").get("samples").asLong()).isPositive();

		String cpu = text(this.mvc, capture.get("modes").get("cpu").get("collapsed").asString());
		assertThat(cpu).contains("ProfilerWebTests.burnWhileHoldingTheMonitor");
		String lock = text(this.mvc, capture.get("modes").get("lock").get("collapsed").asString());
		assertThat(lock).contains("ProfilerWebTests.waitForTheMonitorAgainAndAgain");

		this.mvc.perform(admin(get(capture.get("modes").get("wall").get("flameGraph").asString())))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("sample-service, wall, 2 s")));
		this.mvc.perform(admin(get("/admin/profiler/captures")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].id").value(capture.get("id").asString()));
	}

	@Test
	void shouldRefuseASecondCaptureWhileOneRuns() throws Exception {
		CompletableFuture<Integer> first = CompletableFuture
			.supplyAsync(() -> statusOf("{\"modes\": [\"wall\"], \"seconds\": 3}"));
		await().atMost(5, TimeUnit.SECONDS)
			.untilAsserted(() -> this.mvc
				.perform(admin(post("/admin/profiler/captures")).contentType(MediaType.APPLICATION_JSON)
					.content("{\"modes\": [\"cpu\"], \"seconds\": 1}"))
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.type").value(endsWith("/problems/capture-in-progress"))));

		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(201);
	}

	@Test
	void shouldRefuseBadCapturesWithProblemDetails() throws Exception {
		int kept = kept(this.mvc, this.json);
		for (String body : new String[] { "{\"modes\": [\"wall\"], \"seconds\": 0}",
				"{\"modes\": [\"wall\"], \"seconds\": 11}", "{\"modes\": [\"heap\"], \"seconds\": 1}",
				"{\"modes\": [], \"seconds\": 1}", "{\"modes\": " }) {
			this.mvc
				.perform(admin(post("/admin/profiler/captures")).contentType(MediaType.APPLICATION_JSON).content(body))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}
		this.mvc.perform(admin(get("/admin/profiler/captures/nope/wall.html")))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value(endsWith("/problems/no-such-capture")));
		assertThat(kept(this.mvc, this.json)).isEqualTo(kept);
	}

	@Test
	void shouldRefuseCallersWithoutTheAdminToken() throws Exception {
		int kept = kept(this.mvc, this.json);
		this.mvc
			.perform(post("/admin/profiler/captures").contentType(MediaType.APPLICATION_JSON)
				.content("{\"modes\": [\"wall\"], \"seconds\": 1}"))
			.andExpect(status().isUnauthorized());
		this.mvc.perform(get("/admin/profiler/captures").header("Authorization", "Bearer wrong"))
			.andExpect(status().isUnauthorized());
		assertThat(kept(this.mvc, this.json)).isEqualTo(kept);
	}

	private int statusOf(String body) {
		try {
			return this.mvc
				.perform(admin(post("/admin/profiler/captures")).contentType(MediaType.APPLICATION_JSON).content(body))
				.andReturn()
				.getResponse()
				.getStatus();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	// CPU work inside the monitor, in bursts of 50 ms with a pause between them in which
	// the waiter gets the monitor: a contended entry is recorded when the wait ends, and
	// monitors are not fair, so without the pause the waiter might never get in
	private void burnWhileHoldingTheMonitor(CountDownLatch holding) {
		long sink = 0;
		while (this.running.get()) {
			synchronized (MONITOR) {
				holding.countDown();
				long until = System.nanoTime() + 50_000_000L;
				while (System.nanoTime() < until) {
					sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
				}
			}
			LockSupport.parkNanos(5_000_000L);
		}
		if (sink == 42) {
			System.out.print("");
		}
	}

	private void waitForTheMonitorAgainAndAgain() {
		while (this.running.get()) {
			synchronized (MONITOR) {
				Thread.onSpinWait();
			}
			// back while the burner holds it again
			LockSupport.parkNanos(1_000_000L);
		}
	}

}
