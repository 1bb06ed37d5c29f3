package dev.latencylab.toolkit.traces;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
	 * The endpoint's own spans of the traces a query finds, without the rest of each
	 * trace: what a canary needs of thousands of requests.
	 * @param query what to look for
	 * @return the spans of the query's service and operation that have its tags
	 */
	default List<Span> endpointSpans(Query query) {
		List<Span> spans = new ArrayList<>();
		for (Trace trace : find(query)) {
			for (Span span : trace.spans()) {
				if (query.isEndpoint(span)) {
					spans.add(span);
				}
			}
		}
		return spans;
	}

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
	 * @param operation the endpoint's span name, e.g. {@code POST /api/checkout};
	 * {@code null} for any span of the service
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

		/**
		 * @param span a span
		 * @return whether it is the endpoint's span this query is about, with its tags
		 */
		public boolean isEndpoint(Span span) {
			return span.service().equals(this.service) && span.name().equalsIgnoreCase(this.operation) && hasTags(span);
		}

		/**
		 * @param span a span
		 * @return whether it has every tag this query asks for
		 */
		public boolean hasTags(Span span) {
			return this.tags.entrySet()
				.stream()
				.allMatch((tag) -> tag.getValue().equals(span.tags().get(tag.getKey())));
		}

	}

}
