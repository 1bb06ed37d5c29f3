package dev.latencylab.toolkit.traces;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * All spans of one request.
 *
 * <p>
 * A span whose parent is missing from the trace (a span that was never exported, such as
 * a call abandoned on a timeout) is adopted by the innermost span of another service that
 * was running when it started: its caller's work, as near as the trace shows it.
 */
public final class Trace {

	private final String traceId;

	private final List<Span> spans;

	private final Span root;

	private final Map<String, Span> byId;

	// the effective parent of each span, by span id (orphans adopted)
	private final Map<String, Span> parents = new HashMap<>();

	/**
	 * @param traceId the trace's id
	 * @param spans its spans, at least one
	 */
	public Trace(String traceId, List<Span> spans) {
		this.traceId = traceId;
		this.spans = List.copyOf(spans);
		this.byId = this.spans.stream().collect(Collectors.toMap(Span::id, Function.identity(), (a, b) -> a));
		this.root = this.spans.stream()
			.filter((span) -> span.parentId().isEmpty() || !this.byId.containsKey(span.parentId()))
			.min(Comparator.comparingLong(Span::startMicros).thenComparing((span) -> !span.parentId().isEmpty()))
			.orElseThrow(() -> new IllegalArgumentException("trace " + traceId + " has no spans"));
		for (Span span : this.spans) {
			Span parent = this.byId.get(span.parentId());
			if (parent == null && span != this.root) {
				parent = adopter(span);
			}
			if (parent != null) {
				this.parents.put(span.id(), parent);
			}
		}
	}

	private Span adopter(Span orphan) {
		return this.spans.stream()
			.filter((span) -> span != orphan && !span.service().equals(orphan.service()))
			.filter((span) -> span.startMicros() <= orphan.startMicros() && span.endMicros() > orphan.startMicros())
			.filter((span) -> !isBelow(span, orphan))
			.max(Comparator.comparingLong(Span::startMicros))
			.orElse(this.root);
	}

	private boolean isBelow(Span span, Span ancestor) {
		Span current = this.byId.get(span.parentId());
		for (int depth = 0; current != null && depth < this.spans.size(); depth++) {
			if (current == ancestor) {
				return true;
			}
			current = this.byId.get(current.parentId());
		}
		return false;
	}

	public String traceId() {
		return this.traceId;
	}

	public List<Span> spans() {
		return this.spans;
	}

	/**
	 * @return the span without a parent (the earliest, if several)
	 */
	public Span root() {
		return this.root;
	}

	public long durationMicros() {
		return this.root.durationMicros();
	}

	/**
	 * @param parent a span of this trace
	 * @return its children, in no particular order
	 */
	public List<Span> children(Span parent) {
		return this.spans.stream().filter((span) -> this.parents.get(span.id()) == parent).toList();
	}

	/**
	 * @param span a span of this trace
	 * @return its parent, if it is in the trace
	 */
	public Optional<Span> parent(Span span) {
		return Optional.ofNullable(this.parents.get(span.id()));
	}

	/**
	 * The critical path: from the root, the chain of work that the request's end waited
	 * for. Each span on it gets the part of its time that no child on the path covers;
	 * the segments add up to the root's duration.
	 * @return the segments, in the order they happened
	 */
	public List<Segment> criticalPath() {
		List<Segment> segments = new ArrayList<>();
		walk(this.root, this.root.endMicros(), segments);
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
		return criticalMicrosByService(Map.of());
	}

	/**
	 * @param knownCallees targets of outgoing HTTP calls ({@link Span#target()}) and the
	 * service that answers them, as other traces show
	 * @return per service, the time it holds on the critical path
	 */
	public Map<String, Long> criticalMicrosByService(Map<String, String> knownCallees) {
		return criticalPath().stream()
			.collect(Collectors.groupingBy((segment) -> holder(segment, knownCallees),
					Collectors.summingLong(Segment::selfMicros)));
	}

	/**
	 * @return where this trace's outgoing HTTP calls went, for those whose callee's
	 * server span is in it: the call's target and the callee's service
	 */
	public Map<String, String> callees() {
		Map<String, String> callees = new HashMap<>();
		for (Span span : this.spans) {
			if (span.isHttpCall()) {
				span.target()
					.ifPresent(
							(target) -> serverChild(span).ifPresent((callee) -> callees.put(target, callee.service())));
			}
		}
		return callees;
	}

	/**
	 * The service whose time a segment of the critical path is: its span's, or for an
	 * outgoing HTTP call, its callee's. A call that waits outside its callee's span waits
	 * for the callee (its accept queue, its stopped JVM), not for the caller; and a call
	 * to a service that other traces show answering it whose server span is not in this
	 * trace waits for that service as well: the callee's span was not exported yet when
	 * the trace was read, or the request has not reached it.
	 * @param segment a segment of this trace's critical path
	 * @param knownCallees targets of calls and the services that answer them
	 * @return the service
	 */
	public String holder(Segment segment, Map<String, String> knownCallees) {
		Span span = segment.span();
		if (!span.isHttpCall()) {
			return span.service();
		}
		return serverChild(span).map(Span::service)
			.or(() -> span.target().map(knownCallees::get))
			.orElse(span.service());
	}

	private Optional<Span> serverChild(Span call) {
		return children(call).stream().filter((span) -> span.kind() == Span.Kind.SERVER).findFirst();
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
		return serverChild(culprit.span()).filter((callee) -> culprit.span().isHttpCall())
			.map((callee) -> new Segment(callee, culprit.selfMicros(), culprit.startMicros()))
			.orElse(culprit);
	}

	/**
	 * @param span a span of this trace
	 * @return the spans from the root down to it
	 */
	public List<Span> pathTo(Span span) {
		List<Span> path = new ArrayList<>();
		Span current = span;
		while (current != null && path.size() <= this.spans.size()) {
			path.add(0, current);
			current = this.parents.get(current.id());
		}
		return path;
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
