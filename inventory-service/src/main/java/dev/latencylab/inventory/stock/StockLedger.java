package dev.latencylab.inventory.stock;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.latencylab.inventory.fault.InventoryFaultsProperties;

/**
 * The stock ledger ({@code stock_movement}): 120 days of generated movement history over
 * the whole catalogue, {@code inventory.faults.ledger.rows} rows, seeded in the
 * background once the service is ready (a few million rows take seconds, which the
 * service's start-up does not wait for). Until it is seeded, both inventory faults stay
 * idle.
 */
@Component
public class StockLedger {

	private static final Logger logger = LoggerFactory.getLogger(StockLedger.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final InventoryFaultsProperties properties;

	private final CountDownLatch seeded = new CountDownLatch(1);

	StockLedger(JdbcClient jdbc, PlatformTransactionManager transactionManager, InventoryFaultsProperties properties) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.properties = properties;
	}

	/**
	 * @return whether the ledger holds its rows, so that the faults can act
	 */
	public boolean isSeeded() {
		return this.seeded.getCount() == 0;
	}

	/**
	 * @param timeout how long to wait at most
	 * @return whether the ledger is seeded
	 * @throws InterruptedException when interrupted while waiting
	 */
	public boolean awaitSeeded(Duration timeout) throws InterruptedException {
		return this.seeded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	@EventListener(ApplicationReadyEvent.class)
	void seedInBackground() {
		if (!this.properties.ledger().seed()) {
			logger.info("Stock ledger not seeded (inventory.faults.ledger.seed=false): inventory faults stay idle");
			return;
		}
		Thread seeder = new Thread(this::seed, "stock-ledger-seed");
		seeder.setDaemon(true);
		seeder.start();
	}

	/**
	 * Seeds the ledger unless it holds the configured rows already.
	 * @return whether it was seeded now
	 */
	boolean seed() {
		int rows = this.properties.ledger().rows();
		long started = System.nanoTime();
		try {
			Boolean loaded = this.transactions.execute((status) -> {
				// several instances starting at once: one seeds, the others wait and find
				// it
				// done
				this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('inventory.stock_ledger_seed'))")
					.query((rs, row) -> 1)
					.single();
				Optional<Long> seededRows = this.jdbc.sql("SELECT rows FROM stock_ledger_seed WHERE id = 1")
					.query(Long.class)
					.optional();
				// an UNLOGGED table comes back empty after a crash of PostgreSQL
				boolean present = this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM stock_movement)")
					.query(Boolean.class)
					.single();
				if (present && seededRows.isPresent() && seededRows.get() == rows) {
					return false;
				}
				load(rows);
				return true;
			});
			if (Boolean.TRUE.equals(loaded)) {
				// outside the transaction (VACUUM cannot run in one): sets the hint bits
				// and
				// the visibility map now, so that the first queries do not pay for them
				this.jdbc.sql("VACUUM ANALYZE stock_movement").update();
			}
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			if (Boolean.TRUE.equals(loaded)) {
				logger.info("Seeded the stock ledger with {} movements in {} ms", rows, took.toMillis());
			}
			else {
				logger.info("Stock ledger already holds {} movements", rows);
			}
			this.seeded.countDown();
			return Boolean.TRUE.equals(loaded);
		}
		catch (RuntimeException ex) {
			logger.error("Could not seed the stock ledger: inventory faults stay idle", ex);
			return false;
		}
	}

	private void load(int rows) {
		this.jdbc.sql("TRUNCATE stock_movement").update();
		// building the index once after the load is several times faster than
		// maintaining it row by row
		this.jdbc.sql("DROP INDEX IF EXISTS stock_movement_sku_moved_at").update();
		// in time order, as a ledger grows; products spread evenly (7919 is prime to
		// 1000); a restock of 40 units every 20th movement, sales of 1 to 3 units between
		this.jdbc.sql("""
				INSERT INTO stock_movement (sku, delta, reason, moved_at)
				SELECT 'SKU-' || lpad((1 + (n * 7919) % 1000)::text, 5, '0'),
				       CASE WHEN n % 20 = 0 THEN 40 ELSE -1 - (n % 3)::int END,
				       CASE WHEN n % 20 = 0 THEN 'RESTOCK' ELSE 'SALE' END,
				       now() - interval '120 days' + (interval '120 days' / :rows) * n
				FROM generate_series(1::bigint, :rows) AS n
				""").param("rows", rows).update();
		this.jdbc.sql("CREATE INDEX stock_movement_sku_moved_at ON stock_movement (sku, moved_at)").update();
		this.jdbc.sql("""
				INSERT INTO stock_ledger_seed (id, rows, seeded_at) VALUES (1, :rows, now())
				ON CONFLICT (id) DO UPDATE SET rows = excluded.rows, seeded_at = excluded.seeded_at
				""").param("rows", rows).update();
	}

}
