package dev.latencylab.toolkit.diagnosis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.latencylab.toolkit.ToolkitProperties;
import dev.latencylab.toolkit.database.DatabaseSampler;
import dev.latencylab.toolkit.database.DatabaseWindow;
import dev.latencylab.toolkit.metrics.PrometheusReader;
import dev.latencylab.toolkit.metrics.ServiceSignals;
import dev.latencylab.toolkit.profiles.Baselines;
import dev.latencylab.toolkit.profiles.CollapsedStacks;
import dev.latencylab.toolkit.profiles.Profile;
import dev.latencylab.toolkit.profiles.ServiceProfiler;
import dev.latencylab.toolkit.reports.Report;
import dev.latencylab.toolkit.reports.ReportStore;
import dev.latencylab.toolkit.traces.Trace;
import dev.latencylab.toolkit.traces.TraceFindings;
import dev.latencylab.toolkit.traces.TraceSource;

/**
 * Runs a diagnosis over a window: reads slow and normal traces, Prometheus, what
 * PostgreSQL said about itself and the suspect's flight recorder, names a verdict and
 * writes the report; then profiles the suspect live for a few seconds and adds those
 * flame graphs to the report. One diagnosis at a time.
 */
public class Diagnoser {

	private static final Logger logger = LoggerFactory.getLogger(Diagnoser.class);

	private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

	/** The stretch before the window that metrics compare with. */
	private static final Duration METRICS_BASELINE = Duration.ofMinutes(5);

	private final ToolkitProperties properties;

	private final TraceSource traces;

	private final PrometheusReader prometheus;

	private final DatabaseSampler database;

	private final ServiceProfiler profiler;

	private final Baselines baselines;

	private final DiagnosisRules rules;

	private final ReportStore store;

	private final Clock clock;

	private final ReentrantLock running = new ReentrantLock();

	public Diagnoser(ToolkitProperties properties, TraceSource traces, PrometheusReader prometheus,
			DatabaseSampler database, ServiceProfiler profiler, Baselines baselines, ReportStore store, Clock clock) {
		this.properties = properties;
		this.traces = traces;
		this.prometheus = prometheus;
		this.database = database;
		this.profiler = profiler;
		this.baselines = baselines;
		this.rules = new DiagnosisRules(properties.diagnosis().applicationPackage(),
				properties.diagnosis().sharedPackage());
		this.store = store;
		this.clock = clock;
	}

	/**
	 * Diagnoses the window and writes the report (with its verdict; the live capture is
	 * left to {@link #profileLive}).
	 * @param trigger what asked for it
	 * @param from the window's start
	 * @return the report
	 */
	public Report diagnose(Report.Trigger trigger, Instant from) {
		this.running.lock();
		try {
			Instant now = this.clock.instant();
			return run(trigger, from,
					ID.format(now) + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000)),
					List.of());
		}
		finally {
			this.running.unlock();
		}
	}

	/**
	 * Diagnoses a report's window again, into the same report: for a verdict that was
	 * unknown because the slow requests' downstream work was still running (a span is
	 * exported when it ends, so a call its caller gave up on arrives later).
	 * @param report the first report
	 * @param after how long after the first look this one is
	 * @return the new report, same id
	 */
	public Report rediagnose(Report report, Duration after) {
		this.running.lock();
		try {
			return run(report.trigger(), report.from(), report.id(), List.of("Looked again " + after.toSeconds()
					+ " s after a first look that named no cause (" + report.verdict().summary() + ")."));
		}
		finally {
			this.running.unlock();
		}
	}

	/**
	 * @return whether a diagnosis runs now
	 */
	public boolean isRunning() {
		return this.running.isLocked();
	}

	private Report run(Report.Trigger trigger, Instant from, String id, List<String> earlier) {
		Instant started = this.clock.instant();
		Instant to = started;
		List<String> notes = new ArrayList<>(earlier);
		ToolkitProperties.Entry entry = this.properties.entry();
		int limit = this.properties.diagnosis().maxTraces();
		List<Trace> slow = List.of();
		List<Trace> normal = List.of();
		try {
			slow = this.traces
				.find(new TraceSource.Query(entry.service(), entry.operation(), from, to, entry.slow(), null, limit));
			normal = this.traces.find(new TraceSource.Query(entry.service(), entry.operation(), from, to, Duration.ZERO,
					entry.normal(), limit));
		}
		catch (RuntimeException ex) {
			notes.add(this.traces.name() + " could not be read: " + ex.getMessage());
		}
		TraceFindings findings = TraceFindings.of(slow, normal);
		Map<String, ServiceSignals> signals = Map.of();
		try {
			signals = this.prometheus.read(from, to, METRICS_BASELINE);
		}
		catch (RuntimeException ex) {
			notes.add("Prometheus could not be read: " + ex.getMessage());
		}
		DatabaseWindow database = this.database.window(from, to, METRICS_BASELINE);
		if (!database.available()) {
			notes.add("PostgreSQL's own views: " + database.problem()
					+ ". A lock wait cannot be told from a slow query without them.");
		}
		// no slow checkout yet: an alert about one application (a long GC pause, pool
		// waits) still names where to look
		Optional<String> suspect = this.rules.suspect(findings)
			.or(() -> Optional.ofNullable(trigger.labels().get("service")).filter(this.profiler::knows));
		Optional<Profile> profile = Optional.empty();
		Optional<Profile> baseline = suspect.flatMap(this.baselines::of);
		Instant read = this.clock.instant();
		if (suspect.isPresent() && this.profiler.knows(suspect.get())) {
			long wanted = Duration.between(from, this.clock.instant()).toSeconds() + 5;
			int seconds = (int) Math.min(this.properties.diagnosis().maxRecording().toSeconds(), wanted);
			if (seconds < wanted) {
				notes.add("The flight recorder keeps the last " + seconds + " s: the flame graphs cover those, not "
						+ "the whole window.");
			}
			List<String> modes = DiagnosisRules
				.modesToConfirm(this.rules.decide(findings, signals, database, suspect, Optional.empty(), baseline));
			try {
				profile = Optional.of(this.profiler.recent(suspect.get(), modes, seconds));
			}
			catch (RuntimeException ex) {
				notes.add("The flight recorder of " + suspect.get() + " could not be read: " + ex.getMessage());
			}
			if (baseline.isEmpty()) {
				notes.add("No baseline profile of " + suspect.get()
						+ " yet: flame graph frames are ranked by their weight in the window alone.");
			}
		}
		Verdict verdict = this.rules.decide(findings, signals, database, suspect, profile, baseline);
		if (CauseClass.SLOW_QUERY.id().equals(verdict.cause())) {
			String statement = verdict.statement();
			verdict = verdict.withDatabase(statement, verdict.blocker(),
					database.databaseOf(statement).map((name) -> this.database.plan(name, statement)).orElse(""));
		}
		Instant verdictAt = this.clock.instant();
		logger.info("Diagnosis {}: traces and metrics read in {} ms, the flight recorder in {} ms", id,
				Duration.between(started, read).toMillis(), Duration.between(read, verdictAt).toMillis());
		List<Report.TraceLink> links = findings.examples()
			.stream()
			.map((example) -> new Report.TraceLink(example.traceId(), example.durationMillis(),
					example.service() + " " + example.culprit(), example.path(), this.traces.link(example.traceId()),
					this.traces.apiLink(example.traceId())))
			.toList();
		List<Report.SignalRow> rows = signals.values()
			.stream()
			.map((signal) -> new Report.SignalRow(signal.application(), signal.window(), signal.baseline()))
			.toList();
		Report report = new Report(id, trigger, from, to, started, verdictAt, verdict, findings, this.traces.name(),
				links, rows, Report.Database.of(database), List.of(), List.copyOf(notes));
		if (profile.isPresent()) {
			report = attach(report, profile.get(), "flight-recorder", baseline);
		}
		if (baseline.isPresent()) {
			report = attach(report, baseline.get(), "baseline", Optional.empty());
		}
		this.store.save(report);
		logger.info("Report {}: {} in {} ({}), {} ms after the diagnosis started", id, verdict.cause(),
				verdict.service(), verdict.confidence(), Duration.between(started, verdictAt).toMillis());
		return report;
	}

	/**
	 * Profiles the verdict's service live with async-profiler and adds the flame graphs
	 * to the report: what it does now, while the fault may still be on.
	 * @param report a report with a suspect
	 * @return the report with the live capture
	 */
	public Report profileLive(Report report) {
		int seconds = (int) this.properties.diagnosis().liveCapture().toSeconds();
		String service = report.verdict().service();
		if (seconds <= 0 || service.isEmpty() || !this.profiler.knows(service)) {
			return report;
		}
		try {
			Profile live = this.profiler.live(service, liveModes(report.verdict().cause()), seconds);
			Report updated = attach(report, live, "async-profiler", this.baselines.of(service));
			this.store.save(updated);
			return updated;
		}
		catch (RuntimeException ex) {
			Report updated = report.withNote("The live capture of " + service + " failed: " + ex.getMessage());
			this.store.save(updated);
			return updated;
		}
	}

	private static List<String> liveModes(String cause) {
		return switch (cause) {
			case "cpu-hot-spot" -> List.of("cpu", "wall");
			case "gc-pause" -> List.of("alloc", "wall");
			default -> List.of("wall", "lock");
		};
	}

	private Report attach(Report report, Profile profile, String source, Optional<Profile> baseline) {
		Report updated = report;
		for (Map.Entry<String, Profile.Mode> mode : profile.modes().entrySet()) {
			String file = "%s-%s-%s.html".formatted(profile.service(), source, mode.getKey());
			this.store.attach(report.id(), file, mode.getValue().flameGraph());
			CollapsedStacks stacks = mode.getValue().stacks();
			List<String> top = stacks
				.gainsOver(baseline.flatMap((b) -> b.stacks(mode.getKey())), this.rules.applicationFrames())
				.stream()
				.limit(5)
				.map((gain) -> "%s %.0f%%".formatted(gain.frame(), 100 * gain.share()))
				.toList();
			updated = updated.with(new Report.FlameGraph(profile.service(), mode.getKey(), source, file,
					profile.seconds(), stacks.total(), top));
		}
		return updated;
	}

	/**
	 * @return whether checkout has had no slow request over the last minutes, for
	 * baselines
	 */
	public boolean isHealthy(Duration over) {
		if (isRunning()) {
			return false;
		}
		ToolkitProperties.Entry entry = this.properties.entry();
		Instant now = this.clock.instant();
		try {
			return this.traces
				.find(new TraceSource.Query(entry.service(), entry.operation(), now.minus(over), now, entry.slow(),
						null, 1))
				.isEmpty()
					&& !this.traces
						.find(new TraceSource.Query(entry.service(), entry.operation(), now.minus(over), now,
								Duration.ZERO, null, 1))
						.isEmpty();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
