package dev.latencylab.runner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import tools.jackson.databind.JsonNode;

/**
 * Reading a Zipkin v2 trace the way a person does when a request was slow: find the span
 * where the time went (the one with the most time of its own, not spent in a child) and
 * the path from the root down to it; when that span is an outgoing call, down to the
 * callee's server span.
 */
final class Spans {

	private Spans() {
	}

	/**
	 * @param trace the spans of one trace
	 * @return the path from the root to the span with the most self time (its duration
	 * less the time covered by its children), that span last
	 */
	static List<JsonNode> slowPath(JsonNode trace) {
		List<JsonNode> spans = StreamSupport.stream(trace.spliterator(), false).toList();
		Map<String, JsonNode> byId = new HashMap<>();
		spans.forEach((span) -> byId.put(span.path("id").asString(), span));
		Optional<JsonNode> culprit = spans.stream().max(Comparator.comparingLong((span) -> selfMicros(span, spans)));
		List<JsonNode> path = new ArrayList<>();
		JsonNode current = culprit.orElse(null);
		while (current != null) {
			path.add(0, current);
			current = byId.get(current.path("parentId").asString(""));
		}
		if (culprit.isPresent() && "CLIENT".equals(kind(culprit.get())) && !isDatabaseCall(culprit.get())) {
			// a call that waited outside its callee's server span (a callee that could
			// not even start on it, stopped by GC, say): the time still went to the
			// callee
			String id = culprit.get().path("id").asString();
			spans.stream()
				.filter((span) -> id.equals(span.path("parentId").asString(null)) && "SERVER".equals(kind(span)))
				.findFirst()
				.ifPresent(path::add);
		}
		return path;
	}

	/**
	 * @param span a span
	 * @param trace all spans of its trace
	 * @return its duration less the union of its children's intervals within it
	 */
	static long selfMicros(JsonNode span, List<JsonNode> trace) {
		String id = span.path("id").asString();
		long start = span.path("timestamp").asLong();
		long end = start + micros(span);
		List<long[]> children = trace.stream()
			.filter((child) -> id.equals(child.path("parentId").asString(null)))
			.map((child) -> new long[] { Math.max(start, child.path("timestamp").asLong()),
					Math.min(end, child.path("timestamp").asLong() + micros(child)) })
			.filter((interval) -> interval[1] > interval[0])
			.sorted(Comparator.comparingLong((long[] interval) -> interval[0]))
			.toList();
		long covered = 0;
		long coveredUntil = start;
		for (long[] interval : children) {
			long from = Math.max(interval[0], coveredUntil);
			if (interval[1] > from) {
				covered += interval[1] - from;
				coveredUntil = interval[1];
			}
		}
		return micros(span) - covered;
	}

	static String service(JsonNode span) {
		return span.path("localEndpoint").path("serviceName").asString("");
	}

	static String kind(JsonNode span) {
		return span.path("kind").asString("INTERNAL");
	}

	static long micros(JsonNode span) {
		return span.path("duration").asLong(0);
	}

	static String statement(JsonNode span) {
		JsonNode tags = span.path("tags");
		return tags.path("db.query.text").asString(tags.path("db.statement").asString(""));
	}

	static boolean isDatabaseCall(JsonNode span) {
		JsonNode tags = span.path("tags");
		return "CLIENT".equals(kind(span))
				&& "postgresql".equals(tags.path("db.system.name").asString(tags.path("db.system").asString("")));
	}

	/**
	 * @param path a slow path
	 * @return whether the time stays in an SQL statement
	 */
	static boolean isSql(List<JsonNode> path) {
		return isDatabaseCall(last(path));
	}

	/**
	 * @param path a slow path
	 * @return whether the time stays in a SELECT
	 */
	static boolean isSelect(List<JsonNode> path) {
		return isSql(path) && statement(last(path)).stripLeading().toUpperCase(Locale.ROOT).startsWith("SELECT");
	}

	/**
	 * @param path a slow path
	 * @return whether the time stays in a server span itself, none of its children
	 * holding it
	 */
	static boolean isServer(List<JsonNode> path) {
		return "SERVER".equals(kind(last(path)));
	}

	/**
	 * @param path a slow path
	 * @return whether the time goes through an outgoing HTTP call of the service where it
	 * stays (the call and, when the callee is traced, what it did)
	 */
	static boolean isHttpClientOrBelowIt(List<JsonNode> path) {
		String service = service(last(path));
		return path.stream()
			.anyMatch((span) -> service.equals(service(span)) && "CLIENT".equals(kind(span)) && !isDatabaseCall(span)
					&& (span.path("tags").has("http.request.method") || span.path("tags").has("http.method")));
	}

	/**
	 * @param path a slow path
	 * @return the path as a person would read it, e.g.
	 * {@code gateway SERVER 5.1s > ... > inventory-service CLIENT UPDATE ... 4.9s}
	 */
	static String describe(List<JsonNode> path) {
		return path.stream()
			.map((span) -> "%s %s %s %.1fs".formatted(service(span), kind(span), span.path("name").asString(""),
					micros(span) / 1e6))
			.collect(Collectors.joining(" > "));
	}

	private static JsonNode last(List<JsonNode> path) {
		return path.get(path.size() - 1);
	}

}
