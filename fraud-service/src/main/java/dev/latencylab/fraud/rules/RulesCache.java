package dev.latencylab.fraud.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;

import dev.latencylab.kit.FaultCadence;
import dev.latencylab.kit.FaultSwitch;
import dev.latencylab.kit.FlagContext;
import dev.latencylab.kit.LabFlags;
import dev.latencylab.kit.LabMetrics;
import dev.latencylab.kit.Scenario;

/**
 * The rules the scorer applies, cached, and recomputed by a periodic refresh while
 * {@code fraud-lock-contention} is on: the refresh rebuilds the rules from configuration
 * and backtests them over a replay corpus ({@link RulesBacktest}) before they go live.
 * <p>
 * With the fault, the refresh does all that inside this object's monitor, which every
 * scoring request takes to read the rules: requests that arrive during a refresh are
 * BLOCKED until it ends. With {@code fraud-lock-contention-fix}, rules are copied on
 * write: the refresh builds the new rules with no lock held and publishes them with one
 * volatile write, and readers read that reference without a lock.
 */
class RulesCache implements ScoringRules {

	/**
	 * Refreshes running now ({@code lab_fraud_rules_refresh_seconds_count}) and for how
	 * long ({@code _sum}, the longest running one's {@code _max}).
	 */
	static final String REFRESH = LabMetrics.PREFIX + "fraud.rules.refresh";

	private static final Logger logger = LoggerFactory.getLogger(RulesCache.class);

	private static final AttributeKey<Long> WAITED_MS = AttributeKey.longKey("waited_ms");

	// a wait on the monitor longer than this is worth a span event
	private static final long WAIT_WORTH_RECORDING = Duration.ofMillis(1).toNanos();

	private final Supplier<List<ScoringRule>> build;

	private final RulesBacktest backtest;

	private final FaultSwitch readers;

	private final FaultSwitch refreshes;

	private final LongTaskTimer refreshTimer;

	private final FaultCadence cadence;

	// guarded by this: what readers read under the monitor
	private List<ScoringRule> guarded;

	// the copy-on-write snapshot: replaced whole, never changed
	private volatile List<ScoringRule> snapshot;

	/**
	 * @param build builds the rules from configuration
	 * @param backtest the check a refresh runs before new rules go live
	 * @param flags the lab's flags
	 * @param meters where the refresh timer goes
	 * @param cadence when a refresh is due
	 */
	RulesCache(Supplier<List<ScoringRule>> build, RulesBacktest backtest, LabFlags flags, MeterRegistry meters,
			FaultCadence cadence) {
		this.build = build;
		this.cadence = cadence;
		this.backtest = backtest;
		this.readers = new FaultSwitch(flags, Scenario.FRAUD_LOCK_CONTENTION,
				"scoring requests read the rules under the rules cache's monitor",
				"scoring requests read the rules' copy-on-write snapshot without a lock");
		this.refreshes = new FaultSwitch(flags, Scenario.FRAUD_LOCK_CONTENTION,
				"the periodic rules refresh recomputes and backtests the rules while it holds the rules cache's "
						+ "monitor",
				"the periodic rules refresh builds new rules without a lock and swaps them in (copy-on-write)");
		this.refreshTimer = LongTaskTimer.builder(REFRESH)
			.description("Refreshes of the fraud rules cache")
			.register(meters);
		List<ScoringRule> rules = List.copyOf(build.get());
		this.guarded = rules;
		this.snapshot = rules;
	}

	/**
	 * The rules, read without a lock.
	 */
	@Override
	public List<ScoringRule> current() {
		return this.snapshot;
	}

	@Override
	public List<ScoringRule> current(Order order) {
		FlagContext context = FlagContext.order(order.orderId().toString(), order.customerId());
		if (this.readers.mode(context) != FaultSwitch.Mode.FAULT) {
			return this.snapshot;
		}
		long started = System.nanoTime();
		List<ScoringRule> rules = readUnderMonitor();
		long waited = System.nanoTime() - started;
		if (waited >= WAIT_WORTH_RECORDING) {
			Span.current()
				.addEvent("fraud.rules.monitor_wait", Attributes.of(WAITED_MS, Duration.ofNanos(waited).toMillis()));
		}
		return rules;
	}

	// the mistake: a cache made thread-safe with synchronized, so every reader
	// takes the monitor that its refresh holds while it recomputes
	private synchronized List<ScoringRule> readUnderMonitor() {
		return this.guarded;
	}

	/**
	 * Recomputes the rules while {@code fraud-lock-contention} is on: a couple of seconds
	 * after it goes on ({@code fraud.faults.lock-contention.first-run-after}), then every
	 * {@code fraud.faults.lock-contention.period} after the last refresh ended; otherwise
	 * the rules stay as built at start-up.
	 */
	@Scheduled(fixedDelay = 1, timeUnit = TimeUnit.SECONDS)
	void tick() {
		FaultSwitch.Mode mode = this.refreshes.mode(FlagContext.none());
		if (this.cadence.due(mode != FaultSwitch.Mode.OFF)) {
			try {
				refresh(mode);
			}
			finally {
				this.cadence.ran(Instant.now());
			}
		}
	}

	private void refresh(FaultSwitch.Mode mode) {
		LongTaskTimer.Sample running = this.refreshTimer.start();
		try {
			if (mode == FaultSwitch.Mode.FIXED) {
				// copy-on-write: the work outside the monitor, then one swap
				publish(recompute());
			}
			else {
				// the mistake: the slow work inside the monitor readers need
				synchronized (this) {
					publish(recompute());
				}
			}
		}
		finally {
			long took = running.stop();
			logger.debug("Rules refreshed in {} ms ({})", Duration.ofNanos(took).toMillis(),
					(mode == FaultSwitch.Mode.FIXED) ? "copy-on-write" : "under the monitor");
		}
	}

	private List<ScoringRule> recompute() {
		List<ScoringRule> rules = List.copyOf(this.build.get());
		RulesBacktest.Result result = this.backtest.run();
		logger.debug("Backtest of the rules: {}", result);
		return rules;
	}

	private synchronized void publish(List<ScoringRule> rules) {
		// readers still on the monitor (fix rolled out to a share) see it too
		this.guarded = rules;
		this.snapshot = rules;
	}

}
