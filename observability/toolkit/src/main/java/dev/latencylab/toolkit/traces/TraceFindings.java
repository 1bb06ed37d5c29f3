package dev.latencylab.toolkit.traces;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What slow and normal traces of one endpoint say, side by side: which service the extra
 * time of the slow ones goes to, and which span on their critical paths holds it.
 *
 * @param slowTraces how many slow traces were read
 * @param normalTraces how many normal ones
 * @param slowMedianMillis the slow traces' median duration
 * @param normalMedianMillis the normal traces' median duration
 * @param services per service, the extra time it holds on the slow traces' critical
 * paths, most first
 * @param culprits the spans that hold the most critical time of a slow trace, grouped,
 * most frequent first
 * @param examples the slowest traces, with their paths
 */
public record TraceFindings(int slowTraces, int normalTraces, long slowMedianMillis, long normalMedianMillis,
		List<ServiceShare> services, List<Culprit> culprits, List<Example> examples) {

	private static final int EXAMPLES = 5;

	/**
	 * @param slow traces slower than the alert's threshold
	 * @param normal traces of the same endpoint in the same window that were fast
	 * @return the findings
	 */
	public static TraceFindings of(List<Trace> slow, List<Trace> normal) {
		Map<String, String> callees = callees(slow, normal);
		Map<String, Long> slowByService = meanCriticalMicrosByService(slow, callees);
		Map<String, Long> normalByService = meanCriticalMicrosByService(normal, callees);
		Map<String, Integer> culpritTraces = new HashMap<>();
		Map<String, List<Trace.Segment>> byCulprit = new LinkedHashMap<>();
		Map<Trace.Segment, Trace> traceOf = new HashMap<>();
		for (Trace trace : slow) {
			Trace.Segment culprit = trace.culprit();
			String holder = trace.holder(culprit, callees);
			culpritTraces.merge(holder, 1, Integer::sum);
			// a call whose callee's span is missing: the time is the callee's, but the
			// trace does not show which of its spans holds it
			if (holder.equals(culprit.span().service())) {
				traceOf.put(culprit, trace);
				byCulprit.computeIfAbsent(key(culprit.span()), (key) -> new ArrayList<>()).add(culprit);
			}
		}
		List<ServiceShare> services = slowByService.entrySet()
			.stream()
			.map((entry) -> new ServiceShare(entry.getKey(), entry.getValue() / 1000,
					normalByService.getOrDefault(entry.getKey(), 0L) / 1000,
					(entry.getValue() - normalByService.getOrDefault(entry.getKey(), 0L)) / 1000,
					culpritTraces.getOrDefault(entry.getKey(), 0)))
			.sorted(Comparator.comparingLong(ServiceShare::extraMillis).reversed())
			.toList();

		List<Culprit> culprits = byCulprit.values()
			.stream()
			.map((segments) -> culprit(segments, traceOf))
			.sorted(Comparator.comparingInt(Culprit::traces).reversed())
			.toList();

		List<Example> examples = slow.stream()
			.sorted(Comparator.comparingLong(Trace::durationMicros).reversed())
			.limit(EXAMPLES)
			.map(TraceFindings::example)
			.toList();
		return new TraceFindings(slow.size(), normal.size(), medianMillis(slow), medianMillis(normal), services,
				culprits, examples);
	}

	/**
	 * @return the service holding the most extra time, if any trace was slow
	 */
	public Optional<ServiceShare> suspect() {
		return this.services.stream().filter((service) -> service.extraMillis() > 0).findFirst();
	}

	/**
	 * @param service a service
	 * @return the most frequent culprit in that service
	 */
	public Optional<Culprit> culpritIn(String service) {
		return this.culprits.stream().filter((culprit) -> culprit.service().equals(service)).findFirst();
	}

	private static Culprit culprit(List<Trace.Segment> segments, Map<Trace.Segment, Trace> traceOf) {
		Span first = segments.get(0).span();
		List<Long> self = segments.stream().map(Trace.Segment::selfMicros).sorted().toList();
		List<String> traceIds = segments.stream().map((segment) -> traceOf.get(segment).traceId()).toList();
		return new Culprit(first.service(), first.work(), first.kind(), first.name(), first.statement(),
				segments.size(), self.get(self.size() / 2) / 1000, traceIds);
	}

	private static Example example(Trace trace) {
		Trace.Segment culprit = trace.culprit();
		String path = trace.pathTo(culprit.span())
			.stream()
			.map((span) -> "%s %s %s %.1fs".formatted(span.service(), span.kind(), span.name(),
					span.durationMicros() / 1e6))
			.collect(Collectors.joining(" > "));
		return new Example(trace.traceId(), trace.durationMicros() / 1000, culprit.span().service(),
				culprit.span().name(), culprit.selfMicros() / 1000, path);
	}

	private static String key(Span span) {
		return span.service() + "|" + span.work() + "|" + span.name() + "|" + span.statement();
	}

	/**
	 * @return the targets of outgoing calls and the service whose server span answered
	 * them, for each target that every trace that shows its callee agrees on
	 */
	private static Map<String, String> callees(List<Trace> slow, List<Trace> normal) {
		Map<String, String> callees = new HashMap<>();
		Set<String> ambiguous = new HashSet<>();
		Stream.concat(slow.stream(), normal.stream())
			.flatMap((trace) -> trace.callees().entrySet().stream())
			.forEach((entry) -> {
				String before = callees.putIfAbsent(entry.getKey(), entry.getValue());
				if (before != null && !before.equals(entry.getValue())) {
					ambiguous.add(entry.getKey());
				}
			});
		callees.keySet().removeAll(ambiguous);
		return callees;
	}

	private static Map<String, Long> meanCriticalMicrosByService(List<Trace> traces, Map<String, String> callees) {
		Map<String, Long> sums = new HashMap<>();
		for (Trace trace : traces) {
			trace.criticalMicrosByService(callees).forEach((service, micros) -> sums.merge(service, micros, Long::sum));
		}
		Map<String, Long> means = new HashMap<>();
		sums.forEach((service, sum) -> means.put(service, sum / Math.max(1, traces.size())));
		return means;
	}

	private static long medianMillis(List<Trace> traces) {
		List<Long> durations = traces.stream().map(Trace::durationMicros).sorted().toList();
		return durations.isEmpty() ? 0 : durations.get(durations.size() / 2) / 1000;
	}

	/**
	 * A service's share of the critical path.
	 *
	 * @param service the service
	 * @param slowMillis its mean critical time in a slow trace
	 * @param normalMillis its mean critical time in a normal trace
	 * @param extraMillis the difference: what the slow traces spend there on top
	 * @param culpritTraces in how many slow traces the segment of the critical path that
	 * holds the most time is its
	 */
	public record ServiceShare(String service, long slowMillis, long normalMillis, long extraMillis,
			int culpritTraces) {
	}

	/**
	 * A span that holds most of a slow trace's critical time, with every slow trace where
	 * the same span (service, name, statement) did.
	 *
	 * @param service where the span was recorded
	 * @param work what the time is: SQL, an HTTP call, or in the service itself
	 * @param kind the span's kind
	 * @param name the span's name
	 * @param statement the SQL statement, empty if it is not a database call
	 * @param traces in how many slow traces it is the culprit
	 * @param medianSelfMillis its median critical time
	 * @param traceIds the traces
	 */
	public record Culprit(String service, Span.WorkKind work, Span.Kind kind, String name, String statement, int traces,
			long medianSelfMillis, List<String> traceIds) {
	}

	/**
	 * One slow trace.
	 *
	 * @param traceId its id
	 * @param durationMillis how long the request took
	 * @param service where its culprit span is
	 * @param culprit the culprit span's name
	 * @param culpritMillis the culprit's critical time
	 * @param path the spans from the root to the culprit, as a person reads them
	 */
	public record Example(String traceId, long durationMillis, String service, String culprit, long culpritMillis,
			String path) {
	}

}
