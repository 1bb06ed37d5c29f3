package dev.latencylab.inventory.fault;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Parameters of inventory's two latency scenarios ({@code inventory.faults.*}); the
 * faults themselves are switched by the flags {@code inventory-row-lock} and
 * {@code inventory-slow-query}, their fixes by {@code <name>-fix}.
 *
 * @param ledger the stock ledger both scenarios read
 * @param rowLock the stock-recount job of {@code inventory-row-lock}
 * @param slowQuery the demand check of {@code inventory-slow-query}
 */
@ConfigurationProperties("inventory.faults")
public record InventoryFaultsProperties(@DefaultValue Ledger ledger, @DefaultValue RowLock rowLock,
		@DefaultValue SlowQuery slowQuery) {

	/**
	 * @param seed whether the ledger is seeded in the background at start-up (when it
	 * does not hold {@code rows} rows already); without it both faults stay idle
	 * @param rows movements in the ledger: the amount of work behind both faults (the
	 * recount replays every row, the demand check scans them once per day)
	 */
	public record Ledger(@DefaultValue("true") boolean seed, @DefaultValue("2500000") int rows) {

		public Ledger {
			if (rows < 1000) {
				throw new IllegalArgumentException("inventory.faults.ledger.rows must be at least 1000, not " + rows);
			}
		}

	}

	/**
	 * @param period how often the stock-recount job starts (fixed rate)
	 * @param hotSkus the products the job recounts, and locks while the fault is on
	 * @param firstRunAfter how long after the fault goes on the first recount starts
	 */
	public record RowLock(@DefaultValue("30s") Duration period, @DefaultValue( {
			"SKU-00001", "SKU-00002", "SKU-00003", "SKU-00004", "SKU-00005", "SKU-00006", "SKU-00007", "SKU-00008",
			"SKU-00009", "SKU-00010" }) List<String> hotSkus, @DefaultValue("2s") Duration firstRunAfter){

		public RowLock {
			if (period.isNegative() || period.isZero()) {
				throw new IllegalArgumentException("inventory.faults.row-lock.period must be positive, not " + period);
			}
			if (hotSkus.isEmpty()) {
				throw new IllegalArgumentException("inventory.faults.row-lock.hot-skus must name at least one SKU");
			}
			hotSkus = hotSkus.stream().sorted().distinct().toList();
		}

	}

	/**
	 * @param oneIn one reservation in this many (chosen by order id, so the same order
	 * always gets the same treatment) runs the demand check
	 * @param days how many days of demand the check looks at: one query per day
	 */
	public record SlowQuery(@DefaultValue("40") int oneIn, @DefaultValue("8") int days) {

		public SlowQuery {
			if (oneIn < 1) {
				throw new IllegalArgumentException(
						"inventory.faults.slow-query.one-in must be at least 1, not " + oneIn);
			}
			if (days < 1 || days > 31) {
				throw new IllegalArgumentException("inventory.faults.slow-query.days must be 1 to 31, not " + days);
			}
		}

	}

}
