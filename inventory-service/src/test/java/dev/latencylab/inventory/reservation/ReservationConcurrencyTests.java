package dev.latencylab.inventory.reservation;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latencylab.inventory.Api;
import dev.latencylab.inventory.InventoryIntegrationTest;
import dev.latencylab.kit.test.TestThreads;

import static dev.latencylab.inventory.Api.line;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many callers at once over real HTTP: stock must never go below zero, a reservation must
 * never be half made, and no two transactions may deadlock.
 */
@InventoryIntegrationTest
class ReservationConcurrencyTests {

	private static final String SKU_A = "SKU-00911";

	private static final String SKU_B = "SKU-00912";

	@RegisterExtension
	final TestThreads callers = new TestThreads(32);

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Test
	void shouldNeverOversellUnderConcurrentReservations() throws Exception {
		this.api.setStock(SKU_A, 30);

		List<HttpResponse<String>> responses = all(100, (i) -> () -> this.api.reserve(SKU_A, 1));

		assertThat(statusCounts(responses)).containsExactlyInAnyOrderEntriesOf(Map.of(201, 30L, 409, 70L));
		assertThat(this.api.stock(SKU_A)).isZero();
		assertThat(heldUnits(SKU_A)).isEqualTo(30);
		assertThat(responses.stream().filter((response) -> response.statusCode() == 409))
			.allSatisfy((response) -> assertThat(response.body()).contains("out-of-stock"));
	}

	@Test
	void shouldNotDeadlockWhenOrdersListTheSameSkusInDifferentOrders() throws Exception {
		this.api.setStock(SKU_A, 15);
		this.api.setStock(SKU_B, 25);

		List<HttpResponse<String>> responses = all(40,
				(i) -> () -> (i % 2 == 0) ? this.api.reserve(UUID.randomUUID(), line(SKU_A, 1), line(SKU_B, 1))
						: this.api.reserve(UUID.randomUUID(), line(SKU_B, 1), line(SKU_A, 1)));

		// a deadlock would surface as a 500; a half-made reservation as stock of B below
		// 10
		assertThat(statusCounts(responses)).containsExactlyInAnyOrderEntriesOf(Map.of(201, 15L, 409, 25L));
		assertThat(this.api.stock(SKU_A)).isZero();
		assertThat(this.api.stock(SKU_B)).isEqualTo(10);
		assertThat(heldUnits(SKU_B)).isEqualTo(15);
	}

	@Test
	void shouldReserveAnOrderOnceWhenItIsSentManyTimesAtOnce() throws Exception {
		this.api.setStock(SKU_A, 100);
		UUID orderId = UUID.randomUUID();

		List<HttpResponse<String>> responses = all(20, (i) -> () -> this.api.reserve(orderId, line(SKU_A, 3)));

		assertThat(statusCounts(responses)).containsExactlyInAnyOrderEntriesOf(Map.of(201, 1L, 200, 19L));
		assertThat(responses.stream().map(this.api::reservationId).distinct()).hasSize(1);
		assertThat(this.api.stock(SKU_A)).isEqualTo(97);
		assertThat(this.api.reservationCount()).isEqualTo(1);
	}

	@Test
	void shouldGiveStockBackOnceWhenReleasesRaceEachOther() throws Exception {
		this.api.setStock(SKU_A, 10);
		UUID reservationId = this.api.reservationId(this.api.reserve(SKU_A, 4));

		List<HttpResponse<String>> responses = all(20,
				(i) -> () -> this.api.post("/api/reservations/" + reservationId + "/release"));

		assertThat(statusCounts(responses)).containsExactlyEntriesOf(Map.of(200, 20L));
		assertThat(this.api.stock(SKU_A)).isEqualTo(10);
	}

	/** Starts every call at once, as far as the thread pool allows, and waits for all. */
	private <T> List<T> all(int count, Function<Integer, Callable<T>> call) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<T>> futures = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Callable<T> task = call.apply(i);
			futures.add(this.callers.submit(() -> {
				start.await();
				return task.call();
			}));
		}
		start.countDown();
		List<T> results = new ArrayList<>();
		for (Future<T> future : futures) {
			results.add(future.get(30, TimeUnit.SECONDS));
		}
		return results;
	}

	private static Map<Integer, Long> statusCounts(List<HttpResponse<String>> responses) {
		return responses.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
	}

	private int heldUnits(String sku) {
		return this.jdbc.sql("SELECT coalesce(sum(quantity), 0) FROM reservation_line WHERE sku = :sku")
			.param("sku", sku)
			.query(Integer.class)
			.single();
	}

}
