package dev.latencylab.toolkit.traces;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A trace store the toolkit reads: Zipkin in the local lab, Jaeger under docker compose.
 */
public interface TraceSource {

	/**
	 * Traces of one endpoint in a time window, by duration.
	 * @param query what to look for
	 * @return the traces found, each complete
	 */
	List<Trace> find(Query query);

	/**
	 * @param traceId a trace's id
	 * @return where a person sees the trace in the store's UI
	 */
	String link(String traceId);

	/**
	 * @param traceId a trace's id
	 * @return where a program reads the trace (answers 200 with its spans)
	 */
	String apiLink(String traceId);

	/**
	 * @return the store's name, for reports
	 */
	String name();

	/**
	 * @param service the service whose server span names the endpoint
	 * @param operation the endpoint's span name, e.g. {@code POST /api/checkout}
	 * @param from the window's start
	 * @param to the window's end
	 * @param minDuration the shortest trace wanted (zero for any)
	 * @param maxDuration the longest trace wanted ({@code null} for any)
	 * @param limit at most this many traces
	 * @param tags span attributes the endpoint's span must have (name to value)
	 */
	record Query(String service, String operation, Instant from, Instant to, Duration minDuration, Duration maxDuration,
			int limit, Map<String, String> tags) {

		public Query(String service, String operation, Instant from, Instant to, Duration minDuration,
				Duration maxDuration, int limit) {
			this(service, operation, from, to, minDuration, maxDuration, limit, Map.of());
		}

	}

}
