package dev.latencylab.toolkit.diagnosis;

/**
 * The causes the toolkit can name: the catalogue's classes (runbooks/scenarios.md), and
 * the two answers that are not a cause.
 */
public enum CauseClass {

	DB_LOCK_WAIT("db-lock-wait", "Database lock wait", "runbooks/find-the-spike.md#8-name-the-cause"),

	SLOW_QUERY("slow-query", "Slow query", "runbooks/find-the-spike.md#8-name-the-cause"),

	DB_BUSY("db-busy", "Database busy with another client's work", "runbooks/find-the-spike.md#database-busy"),

	JVM_LOCK_CONTENTION("jvm-lock-contention", "JVM lock contention", "runbooks/find-the-spike.md#8-name-the-cause"),

	CPU_HOT_SPOT("cpu-hot-spot", "CPU hot spot", "runbooks/find-the-spike.md#8-name-the-cause"),

	GC_PAUSE("gc-pause", "GC pause", "runbooks/long-gc-pause.md"),

	PROCESS_STALL("process-stall", "Process stall (not GC)", "runbooks/find-the-spike.md#process-stall"),

	HOST_SATURATION("host-saturation", "Host saturation (other processes)",
			"runbooks/find-the-spike.md#host-saturation"),

	POOL_STARVATION("pool-starvation", "Connection pool starvation", "runbooks/jdbc-pool-waits.md"),

	SLOW_DOWNSTREAM("slow-downstream", "Slow downstream call", "runbooks/find-the-spike.md#8-name-the-cause"),

	/** Something is slow, but the evidence does not agree on why. */
	UNKNOWN("unknown", "Unknown: the evidence does not agree", "runbooks/find-the-spike.md"),

	/** Nothing is slow: no slow requests, no latency rise. */
	NONE("none", "No cause: checkout is not slow", "runbooks/find-the-spike.md");

	private final String id;

	private final String title;

	private final String runbook;

	CauseClass(String id, String title, String runbook) {
		this.id = id;
		this.title = title;
		this.runbook = runbook;
	}

	/**
	 * @return the class's id, as the scenario catalogue names it
	 */
	public String id() {
		return this.id;
	}

	public String title() {
		return this.title;
	}

	/**
	 * @return the runbook to follow, relative to the repository's root (the toolkit
	 * serves it at {@code /docs/} followed by this)
	 */
	public String runbook() {
		return this.runbook;
	}

}
