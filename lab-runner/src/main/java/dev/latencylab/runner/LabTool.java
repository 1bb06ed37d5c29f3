package dev.latencylab.runner;

/**
 * The observability parts of the local lab, next to the applications.
 */
public enum LabTool {

	/** Trace store and UI; the applications' OpenTelemetry agents export to it. */
	ZIPKIN("zipkin", 9411, "/health"),

	/** Scrapes every application every 5 s and evaluates the lab's rules. */
	PROMETHEUS("prometheus", 9090, "/-/ready"),

	/** Routes the lab's alerts (to the diagnosis toolkit's webhook). */
	ALERTMANAGER("alertmanager", 9093, "/-/ready"),

	/**
	 * PostgreSQL's metrics for Prometheus (Debian's prometheus-postgres-exporter): its
	 * sessions, locks, longest transaction and top statements.
	 */
	POSTGRES_EXPORTER("postgres-exporter", 9187, "/metrics"),

	/** The diagnosis toolkit: Alertmanager's webhook, reports, {@code ./lab diagnose}. */
	TOOLKIT("toolkit", 8090, "/actuator/health");

	private final String toolName;

	private final int defaultPort;

	private final String readyPath;

	LabTool(String toolName, int defaultPort, String readyPath) {
		this.toolName = toolName;
		this.defaultPort = defaultPort;
		this.readyPath = readyPath;
	}

	public String toolName() {
		return this.toolName;
	}

	public int defaultPort() {
		return this.defaultPort;
	}

	/**
	 * @return the path that answers 200 once the tool is ready
	 */
	public String readyPath() {
		return this.readyPath;
	}

}
