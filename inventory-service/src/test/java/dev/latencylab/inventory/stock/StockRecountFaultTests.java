package dev.latencylab.inventory.stock;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.config.FixedRateTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import dev.latencylab.inventory.ScheduledTasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code inventory-row-lock}: the stock-recount job holds the hot products' row locks
 * through seconds of ledger replay, and reservations of those products wait for them.
 */
class StockRecountFaultTests extends FaultTestSupport {

	/** A fragment of the replay query, to see it running in pg_stat_activity. */
	private static final String REPLAY = "OVER (PARTITION BY sku ORDER BY moved_at)";

	@Autowired
	StockRecount recount;

	@Autowired
	List<ScheduledTaskHolder> scheduledTasks;

	@Test
	void shouldMakeReservationsOfHotProductsWaitForTheRecountsRowLocks() throws Exception {
		switchOn("inventory-row-lock");
		Future<StockRecount.Run> run = this.background.submit(this.recount::recount);
		await().atMost(Duration.ofSeconds(20)).until(() -> activeSessionsRunning(REPLAY) == 1);
		AtomicBoolean lockWaitSeen = new AtomicBoolean();
		Future<?> watcher = this.background.submit(() -> watchForLockWaits(lockWaitSeen));

		Future<Timed<HttpResponse<String>>> hot = this.background.submit(() -> timed(() -> this.api.reserve(HOT, 1)));
		await().atMost(Duration.ofSeconds(5)).untilTrue(lockWaitSeen);
		Timed<HttpResponse<String>> cold = timed(() -> this.api.reserve(COLD, 1));
		Timed<HttpResponse<String>> waited = hot.get(30, TimeUnit.SECONDS);
		StockRecount.Run done = run.get(30, TimeUnit.SECONDS);
		watcher.cancel(true);

		assertThat(waited.result().statusCode()).isEqualTo(201);
		assertThat(waited.took()).as("the hot reservation waited for the row lock")
			.isGreaterThan(Duration.ofSeconds(4));
		assertThat(cold.result().statusCode()).isEqualTo(201);
		assertThat(cold.took()).as("a product the recount does not lock").isLessThan(Duration.ofSeconds(1));
		assertThat(done.kind()).isEqualTo(StockRecount.Run.Kind.LOCKED);
		assertThat(done.counts()).extracting(StockRecount.Count::sku).containsExactly(HOT, HOT_TOO);
		assertThat(done.counts()).allSatisfy((count) -> assertThat(count.movements()).isGreaterThan(1000));
	}

	@Test
	void shouldRecountWithoutBlockingReservationsWithTheFix() throws Exception {
		switchOn("inventory-row-lock", "inventory-row-lock-fix");
		this.api.reserve(HOT, 3);
		Future<StockRecount.Run> run = this.background.submit(this.recount::recount);
		await().atMost(Duration.ofSeconds(20)).until(() -> activeSessionsRunning(REPLAY) == 1);

		Timed<HttpResponse<String>> hot = timed(() -> this.api.reserve(HOT, 1));
		boolean stillRecounting = activeSessionsRunning(REPLAY) == 1;
		StockRecount.Run done = run.get(30, TimeUnit.SECONDS);

		assertThat(hot.result().statusCode()).isEqualTo(201);
		assertThat(hot.took()).isLessThan(Duration.ofSeconds(1));
		assertThat(stillRecounting).as("the reservation ran during the recount").isTrue();
		assertThat(done.kind()).isEqualTo(StockRecount.Run.Kind.SNAPSHOT);
		assertThat(done.counts()).filteredOn((count) -> count.sku().equals(HOT))
			.singleElement()
			.satisfies((count) -> assertThat(count.held()).isEqualTo(3));
		assertThat(this.jdbc.sql("SELECT count(*) FROM stock_count WHERE sku IN (:skus)")
			.param("skus", List.of(HOT, HOT_TOO))
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	@Test
	void shouldDoNothingWhileTheFaultIsOff() throws Exception {
		Timed<StockRecount.Run> run = timed(this.recount::recount);

		assertThat(run.result().kind()).isEqualTo(StockRecount.Run.Kind.IDLE);
		assertThat(run.took()).isLessThan(Duration.ofSeconds(1));
	}

	/**
	 * The job asks every second whether a recount is due ({@code FaultCadence}, tested in
	 * lab-kit): 2 s after the fault goes on by default, then every period; these tests
	 * set both to an hour and run the recount themselves.
	 */
	@Test
	void shouldAskEverySecondWhetherARecountIsDue() {
		List<FixedRateTask> fixedRateTasks = ScheduledTasks.ofKind(this.scheduledTasks, FixedRateTask.class);

		assertThat(fixedRateTasks).singleElement()
			.satisfies((task) -> assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofSeconds(1)));
	}

	/**
	 * PostgreSQL's evidence: a session of the service waits on a lock
	 * ({@code wait_event_type = 'Lock'}) in an {@code UPDATE product}, blocked by the
	 * recount's session.
	 */
	private void watchForLockWaits(AtomicBoolean seen) {
		while (!seen.get() && !Thread.currentThread().isInterrupted()) {
			int waiting = this.jdbc.sql("""
					SELECT count(*) FROM pg_stat_activity a
					WHERE a.wait_event_type = 'Lock' AND a.query LIKE 'UPDATE product%'
					  AND a.datname = current_database() AND cardinality(pg_blocking_pids(a.pid)) > 0
					  AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND NOT l.granted)
					""").query(Integer.class).single();
			seen.set(waiting > 0);
		}
	}

}
