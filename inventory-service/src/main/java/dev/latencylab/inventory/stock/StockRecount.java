package dev.latencylab.inventory.stock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedRateTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.latencylab.inventory.fault.InventoryFaultsProperties;
import dev.latencylab.kit.FaultCadence;
import dev.latencylab.kit.FaultSwitch;
import dev.latencylab.kit.FlagContext;
import dev.latencylab.kit.LabFlags;
import dev.latencylab.kit.Scenario;

/**
 * The stock-recount job of the {@code inventory-row-lock} scenario: a couple of seconds
 * after the fault flag goes on ({@code inventory.faults.row-lock.first-run-after}), then
 * every {@code inventory.faults.row-lock.period}, it recounts the hot products (stock,
 * units held by pending reservations, and their ledger replayed to its running balance)
 * and records the counts in {@code stock_count}. It runs only while the fault flag is on.
 *
 * <p>
 * The fault: the count runs in a transaction that first locks the hot products' rows
 * ({@code SELECT ... FOR UPDATE}) and keeps them locked through the seconds the ledger
 * replay takes, so every reservation of a hot product waits in its
 * {@code UPDATE product}. The fix ({@code inventory-row-lock-fix}): the count reads one
 * consistent MVCC snapshot (repeatable read, read only), which needs no row lock, and
 * writes its results in a short transaction of its own.
 */
@Component
public class StockRecount implements SchedulingConfigurer {

	private static final Logger logger = LoggerFactory.getLogger(StockRecount.class);

	private static final Scenario SCENARIO = Scenario.INVENTORY_ROW_LOCK;

	/** How often the job asks whether a recount is due. */
	private static final Duration TICK = Duration.ofSeconds(1);

	private static final AttributeKey<Long> SKUS = AttributeKey.longKey("inventory.recount.skus");

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final TransactionTemplate snapshot;

	private final StockLedger ledger;

	private final LabFlags flags;

	private final InventoryFaultsProperties properties;

	private final FaultSwitch fault;

	private final AtomicLong runs = new AtomicLong();

	private final FaultCadence cadence;

	StockRecount(JdbcClient jdbc, PlatformTransactionManager transactionManager, StockLedger ledger, LabFlags flags,
			InventoryFaultsProperties properties) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.snapshot = new TransactionTemplate(transactionManager);
		this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.snapshot.setReadOnly(true);
		this.ledger = ledger;
		this.flags = flags;
		this.properties = properties;
		List<String> hot = properties.rowLock().hotSkus();
		this.fault = new FaultSwitch(flags, SCENARIO,
				"the stock recount holds row locks on " + hot.size() + " hot products (" + String.join(", ", hot)
						+ ") for the whole recount",
				"the stock recount counts from a snapshot and holds no row lock while it works");
		// the machine's time, as any scheduled job's
		this.cadence = new FaultCadence(properties.rowLock().firstRunAfter(), properties.rowLock().period(),
				Clock.systemUTC());
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedRateTask(new FixedRateTask(this::tick, TICK, TICK));
	}

	/**
	 * Runs the recount when it is due: at a fixed rate from when the fault went on.
	 */
	void tick() {
		if (this.cadence.due(this.flags.isOn(SCENARIO.flag(), FlagContext.none()))) {
			Instant started = Instant.now();
			try {
				recount();
			}
			finally {
				this.cadence.ran(started);
			}
		}
	}

	/**
	 * One run of the job.
	 * @return how it ran
	 */
	public Run recount() {
		if (!this.ledger.isSeeded()) {
			return Run.IDLE;
		}
		// each run is its own targeting key, so that a fix rolled out to 10 % applies to
		// 10 % of the runs
		FaultSwitch.Mode mode = this.fault.mode(new FlagContext("stock-recount-" + this.runs.incrementAndGet(), null));
		if (mode == FaultSwitch.Mode.OFF) {
			return Run.IDLE;
		}
		boolean fixed = mode == FaultSwitch.Mode.FIXED;
		List<String> hot = this.properties.rowLock().hotSkus();
		long started = System.nanoTime();
		List<Count> counts;
		if (fixed) {
			counts = this.snapshot.execute((status) -> count(hot));
			this.transactions.executeWithoutResult((status) -> record(counts));
		}
		else {
			counts = this.transactions.execute((status) -> {
				// the mistake: lock the rows "so that stock cannot move under the count"
				// and
				// keep them locked through the slow part, where an MVCC snapshot would do
				lock(hot);
				this.fault.acted("row locks on " + hot.size() + " hot products");
				Span.current().setAttribute(SKUS, (long) hot.size());
				List<Count> result = count(hot);
				record(result);
				return result;
			});
		}
		logger.debug("Recounted {} products in {} ms ({})", hot.size(), (System.nanoTime() - started) / 1_000_000,
				fixed ? "from a snapshot" : "under row locks");
		return new Run(fixed ? Run.Kind.SNAPSHOT : Run.Kind.LOCKED, counts);
	}

	private void lock(List<String> skus) {
		// in SKU order, like a reservation, so that the two cannot deadlock
		this.jdbc.sql("SELECT sku FROM product WHERE sku IN (:skus) ORDER BY sku FOR UPDATE")
			.param("skus", skus)
			.query(String.class)
			.list();
	}

	private List<Count> count(List<String> skus) {
		Map<String, Integer> stock = new HashMap<>();
		this.jdbc.sql("SELECT sku, stock FROM product WHERE sku IN (:skus)").param("skus", skus).query((rs) -> {
			stock.put(rs.getString("sku"), rs.getInt("stock"));
		});
		Map<String, Integer> held = new HashMap<>();
		this.jdbc.sql("""
				SELECT l.sku, sum(l.quantity) AS held
				FROM reservation_line l JOIN reservation r ON r.id = l.reservation_id
				WHERE r.status = 'PENDING' AND l.sku IN (:skus)
				GROUP BY l.sku
				""").param("skus", skus).query((rs) -> {
			held.put(rs.getString("sku"), rs.getInt("held"));
		});
		// the slow part, real work over the whole ledger: every product's movements
		// replayed in time order to its running balance (one pass over millions of rows
		// rather than one per product), keeping the net change and the low-water mark
		Map<String, long[]> replayed = new HashMap<>();
		this.jdbc.sql("""
				SELECT sku, sum(delta) AS net, min(balance) AS low_water, count(*) AS movements
				FROM (SELECT sku, delta, sum(delta) OVER (PARTITION BY sku ORDER BY moved_at) AS balance
				      FROM stock_movement) AS replay
				GROUP BY sku
				""").query((rs) -> {
			replayed.put(rs.getString("sku"),
					new long[] { rs.getLong("net"), rs.getLong("low_water"), rs.getLong("movements") });
		});
		List<Count> counts = new ArrayList<>();
		for (String sku : skus) {
			if (stock.containsKey(sku)) {
				long[] ledger = replayed.getOrDefault(sku, new long[3]);
				counts.add(new Count(sku, stock.get(sku), held.getOrDefault(sku, 0), ledger[0], ledger[1], ledger[2]));
			}
		}
		return counts;
	}

	private void record(List<Count> counts) {
		for (Count count : counts) {
			this.jdbc.sql("""
					INSERT INTO stock_count (sku, counted_at, stock, held, ledger_net, ledger_low_water, movements)
					VALUES (:sku, now(), :stock, :held, :net, :lowWater, :movements)
					ON CONFLICT (sku) DO UPDATE SET counted_at = excluded.counted_at, stock = excluded.stock,
					    held = excluded.held, ledger_net = excluded.ledger_net,
					    ledger_low_water = excluded.ledger_low_water, movements = excluded.movements
					""")
				.param("sku", count.sku())
				.param("stock", count.stock())
				.param("held", count.held())
				.param("net", count.ledgerNet())
				.param("lowWater", count.ledgerLowWater())
				.param("movements", count.movements())
				.update();
		}
	}

	/**
	 * The count of one product.
	 *
	 * @param sku the product
	 * @param stock units in stock
	 * @param held units held by pending reservations
	 * @param ledgerNet the net change over the whole ledger
	 * @param ledgerLowWater the lowest running balance of the ledger
	 * @param movements movements in the ledger
	 */
	public record Count(String sku, int stock, int held, long ledgerNet, long ledgerLowWater, long movements) {
	}

	/**
	 * How one run of the job went.
	 *
	 * @param kind idle, under row locks (the fault) or from a snapshot (the fix)
	 * @param counts what it counted
	 */
	public record Run(Kind kind, List<Count> counts) {

		static final Run IDLE = new Run(Kind.IDLE, List.of());

		public enum Kind {

			/** Fault off, or the ledger not seeded yet. */
			IDLE,

			/** The fault: counted while holding the hot products' row locks. */
			LOCKED,

			/** The fix: counted from a snapshot, no row lock held. */
			SNAPSHOT

		}

	}

}
