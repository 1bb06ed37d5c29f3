package dev.latencylab.toolkit.diagnosis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import dev.latencylab.toolkit.profiles.Baseline;
import dev.latencylab.toolkit.profiles.Baselines;
import dev.latencylab.toolkit.profiles.CollapsedStacks;
import dev.latencylab.toolkit.profiles.Profile;
import dev.latencylab.toolkit.profiles.ServiceProfiler;
import dev.latencylab.toolkit.reports.Report;
import dev.latencylab.toolkit.reports.ReportStore;
import dev.latencylab.toolkit.reports.Verdict;
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
			return run(trigger, from, newId(this.clock.instant()), List.of());
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

	/**
	 * Looks again at a window ending now for an alert that still fires, and keeps the
	 * answer as a new report only when it names other causes than the last report of the
	 * same alert: a fault that began while the alert fired raises no new alert.
	 * @param previous the last report on the alert
	 * @param trigger the alert's repeat
	 * @param from the new window's start
	 * @return the new report, when the causes changed
	 */
	public Optional<Report> diagnoseAgain(Report previous, Report.Trigger trigger, Instant from) {
		this.running.lock();
		try {
			Instant now = this.clock.instant();
			Draft draft = draft(trigger, from, newId(now), List.of());
			Verdict verdict = draft.report().verdict();
			if (!isCause(verdict)) {
				logger.info("{} still fires; a look at the last {} s names no cause: {} ({})", trigger.alert(),
						Duration.between(from, now).toSeconds(), verdict.cause(), verdict.summary());
				return Optional.empty();
			}
			if (signature(draft.report()).equals(signature(previous))) {
				logger.info("{} still fires; a look at the last {} s names the same causes ({})", trigger.alert(),
						Duration.between(from, now).toSeconds(), signature(draft.report()));
				return Optional.empty();
			}
			String note = "%s has fired since %s without a break, so no new alert came; a look at %s names other causes than report %s (%s): %s, where it named %s."
				.formatted(trigger.alert(), trigger.alertStartedAt(), now, previous.id(), previous.startedAt(),
						describe(draft.report()), describe(previous));
			return Optional.of(save(new Draft(draft.report().withNote(note), draft.profiles(), draft.baselines())));
		}
		finally {
			this.running.unlock();
		}
	}

	private String newId(Instant now) {
		return ID.format(now) + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
	}

	private static String signature(Report report) {
		return report.causes()
			.stream()
			.map((cause) -> cause.cause() + "@" + cause.service())
			.sorted()
			.reduce((a, b) -> a + "," + b)
			.orElse("");
	}

	private static String describe(Report report) {
		return String.join("; ",
				report.causes().stream().map((cause) -> cause.cause() + " in " + cause.service()).toList());
	}

	private Report run(Report.Trigger trigger, Instant from, String id, List<String> earlier) {
		return save(draft(trigger, from, id, earlier));
	}

	private Draft draft(Report.Trigger trigger, Instant from, String id, List<String> earlier) {
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
		// every service that holds a real share of the slow requests' extra time; with no
		// slow checkout yet, an alert about one application (a long GC pause, pool waits)
		// still names where to look
		List<Optional<String>> suspects = new ArrayList<>(
				this.rules.suspects(findings).stream().map(Optional::of).toList());
		if (suspects.isEmpty()) {
			suspects.add(Optional.ofNullable(trigger.labels().get("service")).filter(this.profiler::knows));
		}
		Instant read = this.clock.instant();
		List<Verdict> causes = new ArrayList<>();
		List<Profile> profiles = new ArrayList<>();
		Map<String, Baseline> baselines = new LinkedHashMap<>();
		for (Optional<String> suspect : suspects) {
			Baseline baseline = suspect.map(this.baselines::of).orElse(Baseline.none());
			suspect.ifPresent((service) -> baselines.put(service, baseline));
			Optional<Profile> profile = record(findings, signals, database, suspect, baseline, from, notes);
			profile.ifPresent(profiles::add);
			Verdict verdict = this.rules.decide(findings, signals, database, suspect, profile, baseline);
			if (CauseClass.SLOW_QUERY.id().equals(verdict.cause())) {
				String statement = verdict.statement();
				verdict = verdict.withDatabase(statement, verdict.blocker(),
						database.databaseOf(statement).map((name) -> this.database.plan(name, statement)).orElse(""));
			}
			// the first suspect's answer stands whatever it is; a further one counts when
			// it names a cause
			if (causes.isEmpty() || isCause(verdict)) {
				causes.add(verdict);
			}
		}
		Instant verdictAt = this.clock.instant();
		logger.info("Diagnosis {}: traces and metrics read in {} ms, the flight recorders of {} in {} ms", id,
				Duration.between(started, read).toMillis(), suspects, Duration.between(read, verdictAt).toMillis());
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
		Report report = new Report(id, trigger, from, to, started, verdictAt, causes.get(0), List.copyOf(causes),
				findings, this.traces.name(), links, rows, Report.Database.of(database), List.of(), List.copyOf(notes));
		return new Draft(report, profiles, baselines);
	}

	private static boolean isCause(Verdict verdict) {
		return !CauseClass.UNKNOWN.id().equals(verdict.cause()) && !CauseClass.NONE.id().equals(verdict.cause());
	}

	/**
	 * Reads the suspect's flight recorder over the window, in the modes that can confirm
	 * what traces and metrics say.
	 */
	private Optional<Profile> record(TraceFindings findings, Map<String, ServiceSignals> signals,
			DatabaseWindow database, Optional<String> suspect, Baseline baseline, Instant from, List<String> notes) {
		if (suspect.isEmpty() || !this.profiler.knows(suspect.get())) {
			return Optional.empty();
		}
		long wanted = Duration.between(from, this.clock.instant()).toSeconds() + 5;
		int seconds = (int) Math.min(this.properties.diagnosis().maxRecording().toSeconds(), wanted);
		if (seconds < wanted) {
			notes.add("The flight recorder keeps the last " + seconds + " s: the flame graphs cover those, not "
					+ "the whole window.");
		}
		if (baseline.isEmpty()) {
			notes.add("No baseline profile of " + suspect.get()
					+ " yet: flame graph frames are ranked by their weight in the window alone.");
		}
		List<String> modes = DiagnosisRules
			.modesToConfirm(this.rules.decide(findings, signals, database, suspect, Optional.empty(), baseline));
		try {
			return Optional.of(this.profiler.recent(suspect.get(), modes, seconds));
		}
		catch (RuntimeException ex) {
			notes.add("The flight recorder of " + suspect.get() + " could not be read: " + ex.getMessage());
			return Optional.empty();
		}
	}

	private Report save(Draft draft) {
		Report report = draft.report();
		for (Profile profile : draft.profiles()) {
			report = attach(report, profile, "flight-recorder",
					draft.baselines().getOrDefault(profile.service(), Baseline.none()));
		}
		// the newest baseline's flame graphs; the gains are over the median of the recent
		// ones
		for (Baseline baseline : draft.baselines().values()) {
			Optional<Profile> latest = baseline.latest();
			if (latest.isPresent()) {
				report = attach(report, latest.get(), "baseline", Baseline.none());
			}
		}
		this.store.save(report);
		Verdict verdict = report.verdict();
		logger.info("Report {}: {} in {} ({}){}, {} ms after the diagnosis started", report.id(), verdict.cause(),
				verdict.service(), verdict.confidence(), (report.causes().size() > 1) ? " and " + describe(report) : "",
				Duration.between(report.startedAt(), report.verdictAt()).toMillis());
		return report;
	}

	/**
	 * A report not yet saved, with the profiles read for it.
	 */
	private record Draft(Report report, List<Profile> profiles, Map<String, Baseline> baselines) {
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
			Profile live = this.profiler.live(service, DiagnosisRules.modesToCaptureLive(report.verdict().cause()),
					seconds);
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

	private Report attach(Report report, Profile profile, String source, Baseline baseline) {
		Report updated = report;
		for (Map.Entry<String, Profile.Mode> mode : profile.modes().entrySet()) {
			String file = "%s-%s-%s.html".formatted(profile.service(), source, mode.getKey());
			this.store.attach(report.id(), file, mode.getValue().flameGraph());
			CollapsedStacks stacks = mode.getValue().stacks();
			List<String> top = stacks.gainsOver(baseline.stacks(mode.getKey()), this.rules.applicationFrames())
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
	 * For baselines: checkout has had requests and no slow one over the stretch, and no
	 * span of the service took as long as a slow checkout. A service's slow calls can
	 * hide behind a healthy checkout (its caller times out and falls back), and its
	 * profile then is no baseline.
	 * @param over the stretch
	 * @param service the service
	 * @return whether both were healthy
	 */
	public boolean isHealthy(Duration over, String service) {
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
						.isEmpty()
					&& this.traces
						.find(new TraceSource.Query(service, null, now.minus(over), now, entry.slow(), null, 1))
						.isEmpty();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
