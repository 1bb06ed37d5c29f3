package dev.latencylab.toolkit.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

import org.springframework.web.client.RestClient;

/**
 * Reads the services' signals from Prometheus for a window and for the time before it, so
 * that what changed stands out.
 */
public class PrometheusReader {

	private final RestClient client;

	/**
	 * @param client a client whose base URL is Prometheus's
	 */
	public PrometheusReader(RestClient client) {
		this.client = client;
	}

	/**
	 * @param from the window's start
	 * @param to the window's end
	 * @param baseline how long a stretch before the window is the baseline
	 * @return per application, its signals in the window and in the baseline
	 */
	public Map<String, ServiceSignals> read(Instant from, Instant to, Duration baseline) {
		Map<String, ServiceSignals.Builder> builders = new LinkedHashMap<>();
		Function<String, ServiceSignals.Builder> builder = (application) -> builders.computeIfAbsent(application,
				ServiceSignals.Builder::new);
		String window = seconds(Duration.between(from, to));
		String before = seconds(baseline);
		for (Signal signal : Signal.values()) {
			query(signal.expression(window), to)
				.forEach((application, value) -> builder.apply(application).window(signal, value));
			query(signal.expression(before), from)
				.forEach((application, value) -> builder.apply(application).baseline(signal, value));
		}
		Map<String, ServiceSignals> signals = new LinkedHashMap<>();
		builders.forEach((application, b) -> signals.put(application, b.build()));
		return signals;
	}

	/**
	 * @param expression a PromQL expression whose series carry an {@code application}
	 * label
	 * @param at when to evaluate it
	 * @return the value per application
	 */
	Map<String, Double> query(String expression, Instant at) {
		JsonNode answer = this.client.get()
			.uri((uri) -> uri.path("/api/v1/query")
				.queryParam("query", "{query}")
				.queryParam("time", "{time}")
				.build(expression, at.getEpochSecond() + "." + String.format("%03d", at.getNano() / 1_000_000)))
			.retrieve()
			.body(JsonNode.class);
		Map<String, Double> values = new LinkedHashMap<>();
		if (answer != null) {
			for (JsonNode series : answer.path("data").path("result")) {
				String application = series.path("metric").path("application").asString("");
				double value = Double.parseDouble(series.path("value").get(1).asString());
				if (!application.isEmpty() && !Double.isNaN(value)) {
					values.put(application, value);
				}
			}
		}
		return values;
	}

	private static String seconds(Duration duration) {
		return Math.max(10, duration.toSeconds()) + "s";
	}

	/**
	 * What the toolkit reads for every application, as PromQL over a range.
	 */
	public enum Signal {

		/** Seconds the JVM stood still for garbage collection in the range. */
		GC_PAUSE_SECONDS("sum by (application) (increase(jvm_gc_pause_seconds_sum[%s]))"),

		/**
		 * The longest GC pause seen in the range (Micrometer's maximum lingers for two
		 * minutes after a pause: read it together with the pause seconds).
		 */
		GC_PAUSE_MAX("max by (application) (max_over_time(jvm_gc_pause_seconds_max[%s]))"),

		/**
		 * The longest a JVM woke late in the range (lab-kit's hiccup meter: GC pauses,
		 * and every other way a process stands still), lingering like the GC maximum.
		 */
		HICCUP_MAX("max by (application) (max_over_time(lab_jvm_hiccup_seconds_max[%s]))"),

		/** How many times in the range a JVM woke a second or more late. */
		STALLS("sum by (application) (increase(lab_jvm_hiccup_seconds_count[%1$s]))"
				+ " - sum by (application) (increase(lab_jvm_hiccup_seconds_bucket{le=\"1.0\"}[%1$s]))"),

		/** The most threads waiting for a JDBC connection at once. */
		POOL_PENDING("max by (application) (max_over_time(hikaricp_connections_pending[%s]))"),

		/**
		 * Seconds a second the application's threads spent getting a JDBC connection: how
		 * many waited for the pool, on average over the range. Unlike the most waiting at
		 * once, an earlier burst in the baseline barely moves it.
		 */
		POOL_WAIT("sum by (application) (rate(hikaricp_connections_acquire_seconds_sum[%s]))"),

		/** The most threads blocked on a Java monitor at once. */
		BLOCKED_THREADS("max by (application) (max_over_time(jvm_threads_states_threads{state=\"blocked\"}[%s]))"),

		/** The process's highest CPU usage, as a share of all cores. */
		CPU("max by (application) (max_over_time(process_cpu_usage[%s]))"),

		/**
		 * The host's CPU usage (as the application's JVM sees it), averaged over the
		 * range, as a share of all cores.
		 */
		HOST_CPU("max by (application) (avg_over_time(system_cpu_usage[%s]))"),

		/**
		 * The share of the host's CPU that processes other than the lab's JVMs used,
		 * averaged over the range: the host's usage less every application's process
		 * usage, at each step. Meant for one host (the local lab); a container's JVM may
		 * see its own cgroup as the system.
		 */
		OTHERS_CPU("max by (application) (avg_over_time((max by (application) (system_cpu_usage)"
				+ " - on() group_left() sum(process_cpu_usage{application!=\"\"}))[%s:5s]))"),

		/** The host's highest 1-minute load average per core in the range. */
		LOAD_PER_CORE("max by (application) (max_over_time(system_load_average_1m[%1$s]))"
				+ " / max by (application) (system_cpu_count)"),

		/** Mean time of the application's outgoing HTTP calls. */
		HTTP_CLIENT_MEAN_SECONDS("sum by (application) (increase(http_client_requests_seconds_sum[%1$s]))"
				+ " / sum by (application) (increase(http_client_requests_seconds_count[%1$s]))"),

		/** The highest share of requests answered with 5xx. */
		ERROR_RATIO("max by (application) (max_over_time(application_uri:http_server_requests:error_ratio1m[%s]))"),

		/** The highest p99 of the application's server requests. */
		P99_SECONDS("max by (application) (max_over_time(application:http_server_requests_seconds:p99_1m[%s]))"),

		/** Circuit breakers open (Resilience4j), when the application has any. */
		OPEN_BREAKERS("sum by (application) (max_over_time(resilience4j_circuitbreaker_state{state=\"open\"}[%s]))");

		private final String template;

		Signal(String template) {
			this.template = template;
		}

		String expression(String range) {
			return this.template.formatted(range);
		}

	}

}
