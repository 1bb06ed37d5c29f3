package dev.latencylab.payment.fault;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.latencylab.payment.Api;
import dev.latencylab.payment.PaymentIntegrationTest;
import dev.latencylab.kit.test.TestFlags;

import static dev.latencylab.payment.Api.APPROVED_CARD;
import static dev.latencylab.payment.Api.authorizationBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code payment-pool-starvation} under concurrent load: with the fault, authorizations
 * queue for the shrunken pool behind others that hold their connection across a slow
 * card-network call; with the fix, the same load is answered within a second and every
 * key still charges once.
 */
@PaymentIntegrationTest
class PoolStarvationApiTests {

	private static final int CONCURRENT = 16;

	@Autowired
	Api api;

	@Autowired
	TestFlags flags;

	@Autowired
	DataSource dataSource;

	@Autowired
	PoolStarvation poolStarvation;

	@Autowired
	PaymentFaultsProperties faults;

	@AfterEach
	void everythingOff() {
		this.flags.reset();
		await().atMost(Duration.ofSeconds(10)).until(() -> poolSize() == 10);
	}

	@Test
	void shouldMakeConcurrentAuthorizationsWaitSecondsForAConnectionWhenTheFaultIsOn() throws Exception {
		this.flags.switchOn("payment-pool-starvation");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> poolSize() == this.faults.poolStarvation().poolSize() && this.poolStarvation.inEpisode());

		AtomicInteger maxPending = new AtomicInteger();
		List<Timed> answers = concurrently(CONCURRENT, (i) -> UUID.randomUUID().toString(), maxPending);

		assertThat(answers).allSatisfy((answer) -> assertThat(answer.status()).isEqualTo(201));
		assertThat(answers.stream().mapToLong(Timed::millis).max().orElseThrow()).as(millis(answers))
			.isGreaterThanOrEqualTo(4_000);
		assertThat(median(answers)).as("most wait less than the slowest").isLessThan(4_000);
		assertThat(maxPending.get()).as("hikaricp_connections_pending seen").isGreaterThan(0);
		assertThat(this.api.paymentCount()).isEqualTo(CONCURRENT);
	}

	@Test
	void shouldAnswerTheSameLoadWithinASecondAndChargeEachKeyOnceWithTheFix() throws Exception {
		this.flags.switchOn("payment-pool-starvation", "payment-pool-starvation-fix");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> poolSize() == this.faults.poolStarvation().poolSize() && this.poolStarvation.inEpisode());
		// a cold JVM pays for class loading and compilation once: not what is measured
		concurrently(4, (i) -> UUID.randomUUID().toString(), new AtomicInteger());
		String run = UUID.randomUUID().toString();
		List<UUID> orders = new ArrayList<>();
		for (int i = 0; i < CONCURRENT / 2; i++) {
			orders.add(UUID.randomUUID());
		}

		// two concurrent requests per key, with the same body
		List<Timed> answers = concurrently(CONCURRENT, (i) -> run + "-" + (i / 2), new AtomicInteger(),
				(i) -> authorizationBody(orders.get(i / 2), 1_000, APPROVED_CARD));

		assertThat(answers).allSatisfy((answer) -> assertThat(answer.status()).isEqualTo(201));
		assertThat(answers.stream().mapToLong(Timed::millis).max().orElseThrow()).as(millis(answers)).isLessThan(1_000);
		for (int i = 0; i < CONCURRENT; i += 2) {
			assertThat(answers.get(i).body()).as("the same answer for one key").isEqualTo(answers.get(i + 1).body());
		}
		for (UUID orderId : orders) {
			assertThat(this.api.json(this.api.get("/api/payments?orderId=" + orderId))).as("one payment per key")
				.hasSize(1);
			assertThat(this.api.json(this.api.get("/api/ledger?orderId=" + orderId))).as("one charge per key")
				.hasSize(1);
		}
	}

	private List<Timed> concurrently(int count, java.util.function.IntFunction<String> key, AtomicInteger maxPending)
			throws Exception {
		return concurrently(count, key, maxPending,
				(i) -> authorizationBody(UUID.randomUUID(), 1_000 + i, APPROVED_CARD));
	}

	private List<Timed> concurrently(int count, java.util.function.IntFunction<String> key, AtomicInteger maxPending,
			java.util.function.IntFunction<String> body) throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(count + 1);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Timed>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int n = i;
				futures.add(clients.submit(() -> {
					start.await();
					long started = System.nanoTime();
					HttpResponse<String> response = this.api.authorize(key.apply(n), body.apply(n));
					return new Timed(response.statusCode(), response.body(), (System.nanoTime() - started) / 1_000_000);
				}));
			}
			AtomicBoolean done = new AtomicBoolean();
			Future<?> sampler = clients.submit(() -> {
				// what hikaricp_connections_pending reports, sampled every 20 ms
				while (!done.get()) {
					maxPending.accumulateAndGet(hikari().getHikariPoolMXBean().getThreadsAwaitingConnection(),
							Math::max);
					Thread.sleep(20);
				}
				return null;
			});
			start.countDown();
			List<Timed> answers = new ArrayList<>();
			for (Future<Timed> future : futures) {
				answers.add(future.get(60, TimeUnit.SECONDS));
			}
			done.set(true);
			sampler.get(5, TimeUnit.SECONDS);
			return answers;
		}
		finally {
			clients.shutdownNow();
		}
	}

	private static String millis(List<Timed> answers) {
		return "latencies (ms): " + answers.stream().map((answer) -> String.valueOf(answer.millis())).toList();
	}

	private static long median(List<Timed> answers) {
		long[] millis = answers.stream().mapToLong(Timed::millis).sorted().toArray();
		return millis[millis.length / 2];
	}

	private int poolSize() {
		return hikari().getHikariConfigMXBean().getMaximumPoolSize();
	}

	private HikariDataSource hikari() {
		try {
			return this.dataSource.unwrap(HikariDataSource.class);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Timed(int status, String body, long millis) {
	}

}
