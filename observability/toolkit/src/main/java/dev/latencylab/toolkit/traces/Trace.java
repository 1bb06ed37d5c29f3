package dev.latencylab.toolkit.traces;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * All spans of one request.
 *
 * @param traceId the trace's id
 * @param spans its spans
 */
public record Trace(String traceId, List<Span> spans) {

	/**
	 * @return the span without a parent in the trace (the earliest, if several)
	 */
	public Span root() {
		Map<String, Span> byId = byId();
		return this.spans.stream()
			.filter((span) -> span.parentId().isEmpty() || !byId.containsKey(span.parentId()))
			.min(Comparator.comparingLong(Span::startMicros))
			.orElseThrow(() -> new IllegalStateException("trace " + this.traceId + " has no spans"));
	}

	public long durationMicros() {
		return root().durationMicros();
	}

	/**
	 * @param parent a span of this trace
	 * @return its children, in no particular order
	 */
	public List<Span> children(Span parent) {
		return this.spans.stream().filter((span) -> parent.id().equals(span.parentId())).toList();
	}

	/**
	 * @param span a span of this trace
	 * @return its parent, if it is in the trace
	 */
	public Optional<Span> parent(Span span) {
		return Optional.ofNullable(byId().get(span.parentId()));
	}

	/**
	 * The critical path: from the root, the chain of work that the request's end waited
	 * for. Each span on it gets the part of its time that no child on the path covers;
	 * the segments add up to the root's duration.
	 * @return the segments, in the order they happened
	 */
	public List<Segment> criticalPath() {
		List<Segment> segments = new ArrayList<>();
		Span root = root();
		walk(root, root.endMicros(), segments);
		segments.sort(Comparator.comparingLong(Segment::startMicros));
		return segments;
	}

	private void walk(Span span, long until, List<Segment> segments) {
		long cursor = Math.min(until, span.endMicros());
		long self = 0;
		// the last child to finish before the cursor is what the span waited for; then
		// the one that finished before that child started, and so on
		List<Span> children = new ArrayList<>(children(span));
		children.sort(Comparator.comparingLong(Span::endMicros).reversed());
		for (Span child : children) {
			if (child.startMicros() >= cursor || child.endMicros() <= span.startMicros()) {
				continue;
			}
			long childEnd = Math.min(child.endMicros(), cursor);
			self += cursor - childEnd;
			walk(child, childEnd, segments);
			cursor = Math.max(child.startMicros(), span.startMicros());
		}
		self += Math.max(0, cursor - span.startMicros());
		segments.add(new Segment(span, self, span.startMicros()));
	}

	/**
	 * @return per service, the time it holds on the critical path
	 */
	public Map<String, Long> criticalMicrosByService() {
		return criticalPath().stream()
			.collect(Collectors.groupingBy((segment) -> segment.span().service(),
					Collectors.summingLong(Segment::selfMicros)));
	}

	/**
	 * @return the segment of the critical path that holds the most time; an outgoing HTTP
	 * call that holds it is followed into its callee's server span when the callee is
	 * traced (the callee could not even start on it, stopped by a GC, say)
	 */
	public Segment culprit() {
		List<Segment> path = criticalPath();
		Segment culprit = path.stream()
			.max(Comparator.comparingLong(Segment::selfMicros))
			.orElseThrow(() -> new IllegalStateException("trace " + this.traceId + " has no spans"));
		if (culprit.span().isHttpCall()) {
			Optional<Span> callee = children(culprit.span()).stream()
				.filter((span) -> span.kind() == Span.Kind.SERVER)
				.findFirst();
			if (callee.isPresent()) {
				return new Segment(callee.get(), culprit.selfMicros(), culprit.startMicros());
			}
		}
		return culprit;
	}

	/**
	 * @param span a span of this trace
	 * @return the spans from the root down to it
	 */
	public List<Span> pathTo(Span span) {
		List<Span> path = new ArrayList<>();
		Map<String, Span> byId = byId();
		Span current = span;
		while (current != null && path.size() <= this.spans.size()) {
			path.add(0, current);
			current = byId.get(current.parentId());
		}
		return path;
	}

	private Map<String, Span> byId() {
		return this.spans.stream().collect(Collectors.toMap(Span::id, Function.identity(), (a, b) -> a));
	}

	/**
	 * One span's share of the critical path.
	 *
	 * @param span the span
	 * @param selfMicros the time on the critical path spent in the span itself, not in a
	 * child
	 * @param startMicros when the span started
	 */
	public record Segment(Span span, long selfMicros, long startMicros) {

	}

}
