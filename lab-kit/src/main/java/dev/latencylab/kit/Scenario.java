package dev.latencylab.kit;

import java.util.Optional;

/**
 * The lab's catalogue of latency scenarios: each a real mechanism in one service,
 * switched by the flag of its name, with a fix behind the flag {@code <name>-fix}.
 * Documented for people in {@code runbooks/scenarios.md}.
 */
public enum Scenario {

	INVENTORY_ROW_LOCK("inventory-row-lock", "inventory-service", "db-lock-wait",
			"a periodic stock-recount job holds row locks (SELECT ... FOR UPDATE) on hot SKUs for seconds",
			"the UPDATE of product in the reservation's trace waits; pg_locks / pg_stat_activity show lock waits",
			"recount without holding the row locks"),

	INVENTORY_SLOW_QUERY("inventory-slow-query", "inventory-service", "slow-query",
			"an availability query wraps the indexed column in a function and scans a multi-million-row table",
			"one SELECT span in inventory takes seconds; EXPLAIN shows a sequential scan; pg_stat_user_tables.seq_tup_read climbs",
			"a query that uses the index"),

	FRAUD_LOCK_CONTENTION("fraud-lock-contention", "fraud-service", "jvm-lock-contention",
			"a rules-cache refresh recomputes under the monitor every scorer needs",
			"fraud's server span is slow with no slow child; the lock flame graph shows the monitor",
			"copy-on-write snapshot of the rules"),

	FRAUD_REGEX_CPU("fraud-regex-cpu", "fraud-service", "cpu-hot-spot",
			"catastrophic backtracking in an email rule on some inputs",
			"fraud's server span is slow with no slow child; CPU busy; the cpu flame graph shows java.util.regex",
			"a linear-time pattern"),

	PAYMENT_GC_PAUSE("payment-gc-pause", "payment-service", "gc-pause",
			"an unbounded cache retains large objects until old-generation collections stop the world for seconds",
			"jvm_gc_pause_seconds_max above 1 s; every payment span stretched at the same moment", "a bounded cache"),

	PAYMENT_POOL_STARVATION("payment-pool-starvation", "payment-service", "pool-starvation",
			"a transaction holds its JDBC connection across the card-network call; the pool is small",
			"hikaricp_connections_pending above 0; payment spans wait before their first SQL",
			"call the card network outside the transaction"),

	PAYMENT_SLOW_NETWORK("payment-slow-network", "payment-service", "slow-downstream",
			"the card-network simulator's tail latency", "the card-network client span in payment takes seconds",
			"timeouts, circuit breaker and fallback",
			"a card-network timeout written in the wrong unit (milliseconds for seconds): most calls fail");

	private final String flag;

	private final String service;

	private final String causeClass;

	private final String mechanism;

	private final String evidence;

	private final String fix;

	private final String badFix;

	Scenario(String flag, String service, String causeClass, String mechanism, String evidence, String fix) {
		this(flag, service, causeClass, mechanism, evidence, fix, null);
	}

	Scenario(String flag, String service, String causeClass, String mechanism, String evidence, String fix,
			String badFix) {
		this.flag = flag;
		this.service = service;
		this.causeClass = causeClass;
		this.mechanism = mechanism;
		this.evidence = evidence;
		this.fix = fix;
		this.badFix = badFix;
	}

	/**
	 * @return the flag that switches the fault on, also the scenario's name
	 */
	public String flag() {
		return this.flag;
	}

	/**
	 * @return the flag that switches the fix on
	 */
	public String fixFlag() {
		return this.flag + "-fix";
	}

	public String service() {
		return this.service;
	}

	/**
	 * @return the class of cause the diagnosis should name
	 */
	public String causeClass() {
		return this.causeClass;
	}

	public String mechanism() {
		return this.mechanism;
	}

	public String evidence() {
		return this.evidence;
	}

	public String fix() {
		return this.fix;
	}

	/**
	 * @return the flag of a deliberately bad "fix", for practising a canary's rollback,
	 * or empty when the scenario has none
	 */
	public Optional<String> badFixFlag() {
		return (this.badFix != null) ? Optional.of(this.flag + "-badfix") : Optional.empty();
	}

	/**
	 * @return what the bad fix does, or {@code null} when the scenario has none
	 */
	public String badFix() {
		return this.badFix;
	}

}
