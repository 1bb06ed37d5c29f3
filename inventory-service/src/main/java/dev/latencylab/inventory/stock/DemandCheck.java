package dev.latencylab.inventory.stock;

import java.util.List;
import java.util.UUID;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.latencylab.inventory.fault.InventoryFaultsProperties;
import dev.latencylab.kit.FaultSwitch;
import dev.latencylab.kit.FlagContext;
import dev.latencylab.kit.LabFlags;
import dev.latencylab.kit.Scenario;

/**
 * The demand check of the {@code inventory-slow-query} scenario: while the fault flag is
 * on, one reservation in {@code inventory.faults.slow-query.one-in} (chosen by order id)
 * first reads the product's demand, units sold per day over the last
 * {@code inventory.faults.slow-query.days} days, from the stock ledger.
 *
 * <p>
 * The fault: the query matches the product with {@code lower(sku) = lower(:sku)} and the
 * day with {@code date_trunc('day', moved_at)}, so the index on {@code (sku, moved_at)}
 * cannot serve it and each day's subquery scans the whole multi-million-row ledger. The
 * fix ({@code inventory-slow-query-fix}): the same query comparing the raw columns (the
 * SKU as stored, the day as a half-open time range), which the index serves.
 */
@Component
public class DemandCheck {

	private static final Logger logger = LoggerFactory.getLogger(DemandCheck.class);

	private static final Scenario SCENARIO = Scenario.INVENTORY_SLOW_QUERY;

	private static final AttributeKey<String> SKU = AttributeKey.stringKey("inventory.demand.sku");

	private static final AttributeKey<Long> UNITS = AttributeKey.longKey("inventory.demand.units");

	/**
	 * The mistake: a case-insensitive match and a date function on the indexed columns,
	 * so the index is useless and every day is a sequential scan of the ledger.
	 */
	static final String SLOW = """
			SELECT d.day, (SELECT coalesce(sum(-m.delta), 0) FROM stock_movement m
			               WHERE lower(m.sku) = lower(:sku) AND date_trunc('day', m.moved_at) = d.day
			                 AND m.reason = 'SALE') AS units
			FROM generate_series(date_trunc('day', now()) - (:days - 1) * interval '1 day', date_trunc('day', now()),
			                     interval '1 day') AS d(day)
			ORDER BY d.day
			""";

	/** The fix: the raw columns, so that each day is a range scan of the index. */
	static final String FAST = """
			SELECT d.day, (SELECT coalesce(sum(-m.delta), 0) FROM stock_movement m
			               WHERE m.sku = :sku AND m.moved_at >= d.day AND m.moved_at < d.day + interval '1 day'
			                 AND m.reason = 'SALE') AS units
			FROM generate_series(date_trunc('day', now()) - (:days - 1) * interval '1 day', date_trunc('day', now()),
			                     interval '1 day') AS d(day)
			ORDER BY d.day
			""";

	private final JdbcClient jdbc;

	private final StockLedger ledger;

	private final InventoryFaultsProperties.SlowQuery properties;

	private final FaultSwitch fault;

	DemandCheck(JdbcClient jdbc, StockLedger ledger, LabFlags flags, InventoryFaultsProperties properties) {
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.properties = properties.slowQuery();
		this.fault = new FaultSwitch(flags, SCENARIO,
				"one reservation in " + this.properties.oneIn()
						+ " runs a demand check that wraps the indexed columns in functions and scans the ledger "
						+ this.properties.days() + " times",
				"demand checks compare the raw columns and use the index");
	}

	/**
	 * Reads the product's recent demand, if the fault is on and this order is one of
	 * those that check; it changes nothing.
	 * @param orderId the order being reserved
	 * @param sku the product of its largest line
	 */
	public void check(UUID orderId, String sku) {
		if (!samples(orderId) || !this.ledger.isSeeded()) {
			return;
		}
		FaultSwitch.Mode mode = this.fault.mode(FlagContext.order(orderId.toString(), null));
		if (mode == FaultSwitch.Mode.OFF) {
			return;
		}
		boolean fixed = mode == FaultSwitch.Mode.FIXED;
		this.fault.acted(mode, "demand check of " + sku);
		Span.current().setAttribute(SKU, sku);
		List<Long> perDay = this.jdbc.sql(fixed ? FAST : SLOW)
			.param("sku", sku)
			.param("days", this.properties.days())
			.query((rs, row) -> rs.getLong("units"))
			.list();
		long units = perDay.stream().mapToLong(Long::longValue).sum();
		Span.current().setAttribute(UNITS, units);
		logger.debug("Demand for {} over {} days: {} units", sku, perDay.size(), units);
	}

	/**
	 * @param orderId an order
	 * @return whether this order is one of the share that checks demand
	 */
	public boolean samples(UUID orderId) {
		return Math.floorMod(orderId.hashCode(), this.properties.oneIn()) == 0;
	}

}
