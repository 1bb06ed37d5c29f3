package dev.latencylab.toolkit.reports;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.latencylab.toolkit.database.DatabaseWindow;
import dev.latencylab.toolkit.database.StatementStats;
import dev.latencylab.toolkit.metrics.PrometheusReader.Signal;
import dev.latencylab.toolkit.traces.TraceFindings;

/**
 * One diagnosis, as saved ({@code report.json}) and shown ({@code report.html}).
 *
 * @param id the report's id
 * @param trigger what started it
 * @param from the window's start
 * @param to the window's end
 * @param startedAt when the diagnosis started
 * @param verdictAt when the verdict was reached
 * @param verdict the verdict: the cause that holds the most of the slow requests' extra
 * time, or why none is named
 * @param causes every cause named, ranked by their service's share of the slow requests'
 * extra critical-path time; the first is the verdict
 * @param traces what the traces said
 * @param traceStore Zipkin or Jaeger
 * @param traceLinks the slowest traces, in the store's UI and API
 * @param signals per application, its signals in the window and before
 * @param database what PostgreSQL said about itself in the window
 * @param flameGraphs the flame graphs kept with the report
 * @param notes what went wrong or was left out while diagnosing
 */
public record Report(String id, Trigger trigger, Instant from, Instant to, Instant startedAt, Instant verdictAt,
		Verdict verdict, List<Verdict> causes, TraceFindings traces, String traceStore, List<TraceLink> traceLinks,
		List<SignalRow> signals, Database database, List<FlameGraph> flameGraphs, List<String> notes) {

	public Report {
		// reports written before the toolkit named several causes
		causes = (causes != null) ? causes : (verdict != null) ? List.of(verdict) : List.of();
	}

	/**
	 * @param flameGraph one more flame graph
	 * @return this report with it
	 */
	public Report with(FlameGraph flameGraph) {
		List<FlameGraph> all = new java.util.ArrayList<>(this.flameGraphs);
		all.add(flameGraph);
		return new Report(this.id, this.trigger, this.from, this.to, this.startedAt, this.verdictAt, this.verdict,
				this.causes, this.traces, this.traceStore, this.traceLinks, this.signals, this.database,
				List.copyOf(all), this.notes);
	}

	/**
	 * @param note one more note
	 * @return this report with it
	 */
	public Report withNote(String note) {
		List<String> all = new java.util.ArrayList<>(this.notes);
		all.add(note);
		return new Report(this.id, this.trigger, this.from, this.to, this.startedAt, this.verdictAt, this.verdict,
				this.causes, this.traces, this.traceStore, this.traceLinks, this.signals, this.database,
				this.flameGraphs, List.copyOf(all));
	}

	/**
	 * What started a diagnosis.
	 *
	 * @param kind {@code alert} or {@code on-demand}
	 * @param alert the alert's name, empty on demand
	 * @param labels the alert's labels
	 * @param alertStartedAt when Prometheus saw the alert's condition first
	 * @param receivedAt when the toolkit got the alert (or the request)
	 */
	public record Trigger(String kind, String alert, Map<String, String> labels, Instant alertStartedAt,
			Instant receivedAt) {
	}

	/**
	 * A slow trace to look at.
	 *
	 * @param traceId its id
	 * @param durationMillis how long the request took
	 * @param culprit where its time went
	 * @param path the spans from the root to the culprit
	 * @param ui the trace in the store's UI
	 * @param api the trace in the store's API
	 */
	public record TraceLink(String traceId, long durationMillis, String culprit, String path, String ui, String api) {
	}

	/**
	 * One application's signals.
	 *
	 * @param application the application
	 * @param window per signal, its value in the window
	 * @param before per signal, its value before the window
	 */
	public record SignalRow(String application, Map<Signal, Double> window, Map<Signal, Double> before) {
	}

	/**
	 * What PostgreSQL said about itself in the window.
	 *
	 * @param available whether it could be read
	 * @param problem why not, when it could not
	 * @param samples how many samples of its sessions the window holds
	 * @param lockWaits every client's lock waits, longest first (at most five)
	 * @param statements the statements that took the most time in the window (at most
	 * five)
	 */
	public record Database(boolean available, String problem, int samples, List<DatabaseWindow.LockWait> lockWaits,
			List<StatementRow> statements) {

		private static final int ROWS = 5;

		/**
		 * @param window the window as the sampler saw it
		 * @return what a report keeps of it
		 */
		public static Database of(DatabaseWindow window) {
			List<StatementRow> statements = window.statements()
				.stream()
				.limit(ROWS)
				.map((stats) -> StatementRow.of(stats, window.before(stats).orElse(null)))
				.toList();
			return new Database(window.available(), window.problem(), window.sampleCount(),
					window.lockWaits().stream().limit(ROWS).toList(), statements);
		}

	}

	/**
	 * One statement's work in the window, against the stretch before it.
	 *
	 * @param database its database
	 * @param query its normalized text
	 * @param calls how often it ran in the window
	 * @param totalMillis its time in the window, summed
	 * @param meanMillis its mean time in the window
	 * @param meanMillisBefore its mean time before the window, -1 when it did not run
	 * @param blocksPerCall blocks touched per call in the window
	 * @param blocksPerCallBefore blocks touched per call before, -1 when it did not run
	 */
	public record StatementRow(String database, String query, long calls, double totalMillis, double meanMillis,
			double meanMillisBefore, double blocksPerCall, double blocksPerCallBefore) {

		static StatementRow of(StatementStats stats, StatementStats before) {
			return new StatementRow(stats.database(), stats.query(), stats.calls(), stats.totalMillis(),
					stats.meanMillis(), (before != null) ? before.meanMillis() : -1, stats.blocksPerCall(),
					(before != null) ? before.blocksPerCall() : -1);
		}

	}

	/**
	 * A flame graph kept with the report.
	 *
	 * @param service the profiled service
	 * @param mode {@code wall}, {@code lock}, {@code alloc} or {@code cpu}
	 * @param source {@code flight-recorder} (the window, from the always-on recording),
	 * {@code async-profiler} (a live capture after the alert) or {@code baseline}
	 * @param file the page's file name in the report's folder
	 * @param seconds the stretch it covers
	 * @param weight its total weight (samples, nanoseconds waited or bytes)
	 * @param topFrames the application frames that gained the most, with their share
	 */
	public record FlameGraph(String service, String mode, String source, String file, int seconds, long weight,
			List<String> topFrames) {
	}

}
