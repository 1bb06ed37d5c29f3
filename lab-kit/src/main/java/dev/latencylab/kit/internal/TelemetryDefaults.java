package dev.latencylab.kit.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The telemetry every lab application shares, as defaults below anything a service or the
 * command line sets: the Prometheus endpoint, the {@code application} tag, latency
 * histograms with SLO buckets from 50 ms to 10 s for HTTP server and client calls, JDBC
 * connections named after the application in PostgreSQL, a longest GC pause that is
 * forgotten within half a minute, and log lines that carry trace, span and request ids.
 */
public class TelemetryDefaults implements EnvironmentPostProcessor, Ordered {

	/** The SLO buckets of every HTTP latency histogram. */
	public static final String SLO_BUCKETS = "50ms,100ms,250ms,500ms,1s,2s,5s,10s";

	/** The timer of GC pauses. */
	public static final String GC_PAUSE = "jvm.gc.pause";

	/**
	 * How long each of the three buffers of the longest GC pause lives: a pause stays in
	 * {@code jvm_gc_pause_seconds_max} for 20 to 30 s.
	 */
	public static final String GC_PAUSE_EXPIRY = "10s";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("management.endpoints.web.exposure.include", "health,info,metrics,prometheus");
		defaults.put("management.metrics.tags.application", "${spring.application.name}");
		for (String meter : new String[] { "http.server.requests", "http.client.requests" }) {
			defaults.put("management.metrics.distribution.percentiles-histogram." + meter, "true");
			defaults.put("management.metrics.distribution.slo." + meter, SLO_BUCKETS);
			// keeps the histogram's range useful: from 5 ms up past the 10 s bucket
			defaults.put("management.metrics.distribution.minimum-expected-value." + meter, "5ms");
			defaults.put("management.metrics.distribution.maximum-expected-value." + meter, "30s");
		}
		// a timer's maximum lives in three buffers, each turned over after the expiry;
		// Prometheus's registry makes that its step (1 min), so a pause stayed in
		// jvm_gc_pause_seconds_max for up to three minutes, and the alert rules keep it
		// a minute on top (max_over_time). 3 x 10 s is still four scrapes or more at 5 s.
		// (In brackets: a key with dots binds to the map of durations only so.)
		defaults.put("management.metrics.distribution.expiry[" + GC_PAUSE + "]", GC_PAUSE_EXPIRY);
		// every JDBC connection says which service it belongs to: PostgreSQL's own views
		// (pg_stat_activity, blocking trees) name the client by it
		defaults.put("spring.datasource.hikari.data-source-properties.ApplicationName", "${spring.application.name}");
		// exemplars only where every Prometheus 2.x accepts them (buckets, counters): on
		// a
		// _count line Prometheus before 2.43 (Debian's 2.42) rejects the whole scrape
		defaults.put(
				"management.prometheus.metrics.export.properties[io.prometheus.exporter.exemplarsOnAllMetricTypes]",
				"false");
		// the OpenTelemetry agent puts trace_id and span_id into the MDC; lab-kit adds
		// requestId
		defaults.put("logging.pattern.correlation",
				"[trace_id=%X{trace_id:-} span_id=%X{span_id:-} request_id=%X{requestId:-}] ");
		environment.getPropertySources().addLast(new MapPropertySource("labTelemetryDefaults", defaults));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
