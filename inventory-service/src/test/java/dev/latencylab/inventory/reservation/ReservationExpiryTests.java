package dev.latencylab.inventory.reservation;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import dev.latencylab.inventory.Api;
import dev.latencylab.inventory.InventoryIntegrationTest;
import dev.latencylab.inventory.ScheduledTasks;
import dev.latencylab.kit.test.MutableClock;
import dev.latencylab.kit.test.TestThreads;

import static dev.latencylab.inventory.Api.line;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pending reservations past {@code inventory.reservations.ttl} (15 minutes) are expired
 * and their stock given back. The tests move the clock and run the expiry job themselves.
 */
@InventoryIntegrationTest
class ReservationExpiryTests {

	private static final String SKU_A = "SKU-00921";

	private static final String SKU_B = "SKU-00922";

	private static final Duration TTL = Duration.ofMinutes(15);

	@RegisterExtension
	final TestThreads workers = new TestThreads(8);

	@Autowired
	Api api;

	@Autowired
	MutableClock clock;

	@Autowired
	ReservationExpiry expiry;

	@Autowired
	List<ScheduledTaskHolder> scheduledTasks;

	@BeforeEach
	void freshStock() {
		this.api.setStock(SKU_A, 50);
		this.api.setStock(SKU_B, 50);
	}

	@Test
	void shouldExpireOverduePendingReservationsAndGiveTheirStockBack() {
		UUID overdue = this.api.reservationId(this.api.reserve(UUID.randomUUID(), line(SKU_A, 5), line(SKU_B, 2)));
		UUID confirmed = this.api.reservationId(this.api.reserve(SKU_A, 3));
		this.api.post("/api/reservations/" + confirmed + "/confirm");
		this.clock.advance(TTL.minusMinutes(5));
		UUID young = this.api.reservationId(this.api.reserve(SKU_A, 1));
		this.clock.advance(Duration.ofMinutes(5));

		int expired = this.expiry.expireOverdue();

		assertThat(expired).isEqualTo(1);
		assertThat(this.api.json(this.api.get("/api/reservations/" + overdue)).get("status").asString())
			.isEqualTo("EXPIRED");
		assertThat(this.api.status(confirmed)).isEqualTo("CONFIRMED");
		assertThat(this.api.status(young)).isEqualTo("PENDING");
		assertThat(this.api.stock(SKU_A)).isEqualTo(50 - 3 - 1);
		assertThat(this.api.stock(SKU_B)).isEqualTo(50);
	}

	@Test
	void shouldKeepAPendingReservationUntilItsTtlHasPassed() {
		UUID reservationId = this.api.reservationId(this.api.reserve(SKU_A, 5));
		this.clock.advance(TTL.minusSeconds(1));

		int expired = this.expiry.expireOverdue();

		assertThat(expired).isZero();
		assertThat(this.api.status(reservationId)).isEqualTo("PENDING");
		assertThat(this.api.stock(SKU_A)).isEqualTo(45);
	}

	@Test
	void shouldRefuseToConfirmAnExpiredReservation() {
		UUID reservationId = this.api.reservationId(this.api.reserve(SKU_A, 5));
		this.clock.advance(TTL);
		this.expiry.expireOverdue();

		HttpResponse<String> confirm = this.api.post("/api/reservations/" + reservationId + "/confirm");

		assertThat(confirm.statusCode()).isEqualTo(409);
		assertThat(confirm.body()).contains("reservation-not-pending").contains("EXPIRED");
		assertThat(this.api.stock(SKU_A)).isEqualTo(50);
	}

	@Test
	void shouldExpireInsteadOfConfirmingWhenTheTtlPassedBeforeTheJobCame() {
		UUID reservationId = this.api.reservationId(this.api.reserve(SKU_A, 5));
		this.clock.advance(TTL.plusSeconds(1));

		HttpResponse<String> confirm = this.api.post("/api/reservations/" + reservationId + "/confirm");

		assertThat(confirm.statusCode()).isEqualTo(409);
		assertThat(this.api.status(reservationId)).isEqualTo("EXPIRED");
		assertThat(this.api.stock(SKU_A)).isEqualTo(50);
	}

	@Test
	void shouldAnswerReleaseOfAnExpiredReservationWithoutGivingStockBackTwice() {
		UUID reservationId = this.api.reservationId(this.api.reserve(SKU_A, 5));
		this.clock.advance(TTL);
		this.expiry.expireOverdue();

		HttpResponse<String> release = this.api.post("/api/reservations/" + reservationId + "/release");

		assertThat(release.statusCode()).isEqualTo(200);
		assertThat(this.api.json(release).get("status").asString()).isEqualTo("EXPIRED");
		assertThat(this.api.stock(SKU_A)).isEqualTo(50);
	}

	@Test
	void shouldGiveStockBackExactlyOnceWhenExpiryRunsRaceReleases() throws Exception {
		List<UUID> reservations = new ArrayList<>();
		for (int i = 0; i < 45; i++) {
			reservations
				.add(this.api.reservationId(this.api.reserve(UUID.randomUUID(), line(SKU_A, 1), line(SKU_B, 1))));
		}
		this.clock.advance(TTL);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> work = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			work.add(this.workers.submit(() -> {
				start.await();
				return this.expiry.expireOverdue();
			}));
		}
		for (UUID reservationId : reservations.subList(0, 20)) {
			work.add(this.workers.submit(() -> {
				start.await();
				return this.api.post("/api/reservations/" + reservationId + "/release");
			}));
		}

		start.countDown();
		for (Future<?> future : work) {
			future.get(30, TimeUnit.SECONDS);
		}
		this.expiry.expireOverdue();

		assertThat(this.api.stock(SKU_A)).isEqualTo(50);
		assertThat(this.api.stock(SKU_B)).isEqualTo(50);
		assertThat(reservations)
			.allSatisfy((reservationId) -> assertThat(this.api.status(reservationId)).isIn("EXPIRED", "RELEASED"));
	}

	@Test
	void shouldScheduleTheExpiryJobEveryConfiguredInterval() {
		List<FixedDelayTask> fixedDelayTasks = ScheduledTasks.ofKind(this.scheduledTasks, FixedDelayTask.class);

		assertThat(fixedDelayTasks).singleElement()
			.satisfies((task) -> assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofHours(1)));
	}

}
