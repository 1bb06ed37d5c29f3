package dev.latencylab.kit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static dev.latencylab.kit.ProfilerRequests.admin;
import static dev.latencylab.kit.ProfilerRequests.kept;
import static dev.latencylab.kit.ProfilerRequests.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The flight recorder endpoint on this very JVM: a spike that is over (a hot thread that
 * holds a monitor and a lock two others wait for, a thread stuck in a socket read) is
 * found afterwards in the last seconds of the always-on recording, and a window that
 * starts after the spike does not show it.
 */
@WebMvcTest
@ImportAutoConfiguration({ LabKitAutoConfiguration.class, LabProfilerAutoConfiguration.class })
@TestPropertySource(properties = { "lab.admin.token=s3cret", "lab.profiler.recent.max-age=30s",
		"spring.application.name=sample-service" })
class FlightRecorderWebTests {

	private static final Object MONITOR = new Object();

	private static final ReentrantLock LOCK = new ReentrantLock();

	@Autowired
	MockMvc mvc;

	private final JsonMapper json = JsonMapper.builder().build();

	private final AtomicBoolean running = new AtomicBoolean(true);

	@Test
	void shouldFindTheContendedLocksAndTheBlockedReadOfASpikeThatIsOver() throws Exception {
		spikeFor(2_500);

		JsonNode capture = recent("{\"modes\": [\"wall\", \"lock\"], \"seconds\": 10}").andExpect(status().isCreated())
			.andExpect(jsonPath("$.service").value("sample-service"))
			.andExpect(jsonPath("$.source").value("flight-recorder"))
			.andReturn()
			.getResponse()
			.getContentAsString()
			.transform(this.json::readTree);

		assertThat(capture.get("modes").propertyNames()).containsExactly("wall", "lock");
		assertThat(capture.get("seconds").asInt()).isBetween(1, 10);
		String lock = text(this.mvc, capture.get("modes").get("lock").get("collapsed").asString());
		// weighed by nanoseconds waited: the waiters waited most of the spike's 2.5 s
		assertThat(weight(lock, "FlightRecorderWebTests.waitForTheMonitorAgainAndAgain"))
			.isGreaterThan(TimeUnit.MILLISECONDS.toNanos(500));
		assertThat(weight(lock, "FlightRecorderWebTests.waitForTheLockAgainAndAgain"))
			.isGreaterThan(TimeUnit.MILLISECONDS.toNanos(500));
		assertThat(capture.get("modes").get("lock").get("samples").asLong())
			.isGreaterThan(TimeUnit.MILLISECONDS.toNanos(1_000));
		// a pool thread waiting for its next task is idle, not blocked
		assertThat(lock).doesNotContain("ThreadPoolExecutor.getTask");
		String wall = text(this.mvc, capture.get("modes").get("wall").get("collapsed").asString());
		assertThat(weight(wall, "FlightRecorderWebTests.burnWhileHoldingTheMonitor")).isGreaterThan(10);
		assertThat(weight(wall, "FlightRecorderWebTests.readFromASilentPeer")).isGreaterThan(10);

		this.mvc.perform(admin(get(capture.get("modes").get("lock").get("flameGraph").asString())))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(containsString("sample-service, lock, ")))
			.andExpect(content().string(containsString("(flight recorder)")));
		this.mvc.perform(admin(get("/admin/profiler/captures")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].id").value(capture.get("id").asString()))
			.andExpect(jsonPath("$[0].source").value("flight-recorder"));

		// a window that starts after the spike ended
		TimeUnit.MILLISECONDS.sleep(1_500);
		JsonNode after = recent("{\"modes\": [\"wall\"], \"seconds\": 1}").andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString()
			.transform(this.json::readTree);
		assertThat(text(this.mvc, after.get("modes").get("wall").get("collapsed").asString()))
			.doesNotContain("FlightRecorderWebTests.burnWhileHoldingTheMonitor")
			.doesNotContain("FlightRecorderWebTests.readFromASilentPeer");
	}

	@Test
	void shouldRefuseCpuAndWindowsTheRecorderDoesNotHoldWithProblemDetails() throws Exception {
		int kept = kept(this.mvc, this.json);

		recent("{\"modes\": [\"cpu\", \"wall\"], \"seconds\": 10}").andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(endsWith("/problems/invalid-capture")))
			.andExpect(jsonPath("$.detail").value(containsString("wall, lock and alloc")));
		for (String body : new String[] { "{\"modes\": [\"wall\"], \"seconds\": 0}",
				"{\"modes\": [\"wall\"], \"seconds\": 31}", "{\"modes\": [\"heap\"], \"seconds\": 1}",
				"{\"modes\": [], \"seconds\": 1}", "{\"modes\": " }) {
			recent(body).andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}
		this.mvc
			.perform(post("/admin/profiler/recent").contentType(MediaType.APPLICATION_JSON)
				.content("{\"modes\": [\"wall\"], \"seconds\": 1}"))
			.andExpect(status().isUnauthorized());

		assertThat(kept(this.mvc, this.json)).isEqualTo(kept);
	}

	@Nested
	@TestPropertySource(properties = "lab.profiler.recent.enabled=false")
	class WhenTheFlightRecorderIsOff {

		@Test
		void shouldAnswerThatTheProfilerIsUnavailable() throws Exception {
			recent("{\"modes\": [\"wall\"], \"seconds\": 10}").andExpect(status().isServiceUnavailable())
				.andExpect(jsonPath("$.type").value(endsWith("/problems/profiler-unavailable")))
				.andExpect(jsonPath("$.detail").value(containsString("lab.profiler.recent.enabled")));
		}

	}

	/**
	 * Runs the spike, then ends it: a thread burns CPU while it holds a monitor and a
	 * lock, two threads wait for them again and again, one waits for a peer that never
	 * writes, and a pool thread waits for its next task every 50 ms.
	 */
	private void spikeFor(long millis) throws Exception {
		List<Thread> threads = new ArrayList<>();
		ScheduledExecutorService pool = Executors.newSingleThreadScheduledExecutor();
		pool.scheduleAtFixedRate(Thread::onSpinWait, 0, 50, TimeUnit.MILLISECONDS);
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
				Socket silent = server.accept()) {
			CountDownLatch holding = new CountDownLatch(1);
			threads.add(new Thread(() -> burnWhileHoldingTheMonitor(holding), "burner"));
			threads.get(0).start();
			holding.await();
			threads.add(new Thread(this::waitForTheMonitorAgainAndAgain, "monitor-waiter"));
			threads.add(new Thread(this::waitForTheLockAgainAndAgain, "lock-waiter"));
			threads.add(new Thread(() -> readFromASilentPeer(client), "reader"));
			threads.subList(1, threads.size()).forEach(Thread::start);

			TimeUnit.MILLISECONDS.sleep(millis);
		}
		finally {
			// closing the sockets ends the read
			this.running.set(false);
			pool.shutdownNow();
			for (Thread thread : threads) {
				thread.join();
			}
		}
	}

	private ResultActions recent(String body) throws Exception {
		return this.mvc
			.perform(admin(post("/admin/profiler/recent")).contentType(MediaType.APPLICATION_JSON).content(body));
	}

	/**
	 * @return the summed counts of the collapsed stacks that go through the frame
	 */
	private static long weight(String collapsed, String frame) {
		return collapsed.lines()
			.filter((line) -> line.contains(frame))
			.mapToLong((line) -> Long.parseLong(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	// CPU work inside the monitor and the lock, in bursts of 50 ms with a pause between
	// them in which the waiters get in: the JDK records a wait when it ends, and only a
	// wait of 10 ms or more. The work is plain Java between clock reads: the JDK's
	// sampler drops the samples of a thread that is in a stub, and System.nanoTime() is
	// one
	private void burnWhileHoldingTheMonitor(CountDownLatch holding) {
		long sink = 0;
		while (this.running.get()) {
			synchronized (MONITOR) {
				LOCK.lock();
				try {
					holding.countDown();
					long until = System.nanoTime() + 50_000_000L;
					while (System.nanoTime() < until) {
						for (int i = 0; i < 100_000; i++) {
							sink = sink * 31 + Long.numberOfTrailingZeros(sink + i);
						}
					}
				}
				finally {
					LOCK.unlock();
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

	private void waitForTheLockAgainAndAgain() {
		while (this.running.get()) {
			LOCK.lock();
			LOCK.unlock();
			LockSupport.parkNanos(1_000_000L);
		}
	}

	private void readFromASilentPeer(Socket socket) {
		try (InputStream in = socket.getInputStream()) {
			while (in.read() >= 0) {
				// the peer never writes: the thread waits in the read until the socket
				// closes
			}
		}
		catch (IOException ex) {
			// closed by the test: the spike is over
		}
	}

}
