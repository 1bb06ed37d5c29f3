package dev.latencylab.toolkit.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import dev.latencylab.toolkit.database.DatabaseWindow;
import dev.latencylab.toolkit.database.DatabaseWindow.LockWait;
import dev.latencylab.toolkit.metrics.PrometheusReader.Signal;
import dev.latencylab.toolkit.metrics.ServiceSignals;
import dev.latencylab.toolkit.profiles.CollapsedStacks;
import dev.latencylab.toolkit.profiles.CollapsedStacks.FrameGain;
import dev.latencylab.toolkit.profiles.Profile;
import dev.latencylab.toolkit.traces.Span;
import dev.latencylab.toolkit.traces.TraceFindings;
import dev.latencylab.toolkit.traces.TraceFindings.Culprit;

/**
 * From traces, metrics, the database's own views and a profile to a verdict. Traces say
 * where the slow requests' extra time goes (service, span, kind); metrics say what the
 * service's JVM went through (GC, stalls, pool waits, blocked threads, CPU); PostgreSQL
 * says what its sessions did (waited for a lock and whose, or worked on a statement); the
 * profile says which code. A cause class is named only with evidence from a source that
 * can see that class (docs/diagnosis.md has the map); the traces name the service and the
 * span. The confidence counts the sources that agree: {@code low} with one,
 * {@code medium} with two, {@code high} with three. Without such evidence the answer is
 * {@code unknown}.
 */
public class DiagnosisRules {

	/**
	 * A GC that stops the world this long is a latency cause (the LongGcPause alert's
	 * threshold).
	 */
	static final double LONG_GC_PAUSE_SECONDS = 1.0;

	/**
	 * A JVM that woke this late at least once in the window stood still (the hiccup
	 * meter's view; a GC pause is one kind of stall).
	 */
	static final double LONG_STALL_SECONDS = 1.0;

	/**
	 * What the database's samples must hold (session-seconds: one session seen in three
	 * samples a second apart, or three sessions in one) to name a database cause. A
	 * healthy lab's statements take milliseconds and are rarely caught by a sample.
	 */
	static final double DATABASE_SECONDS = 3.0;

	/**
	 * A service holding this share of the slow traces' extra time is diagnosed on its
	 * own.
	 */
	static final double SUSPECT_SHARE = 0.2;

	private static final Pattern POOL = Pattern.compile("com\\.zaxxer\\.hikari");

	private static final Pattern NETWORK = Pattern.compile("^(sun\\.nio\\.ch|java\\.net|jdk\\.internal\\.net)\\.");

	private static final Pattern JDBC = Pattern.compile("^org\\.postgresql\\.");

	private static final Pattern PARK = Pattern
		.compile("^(jdk\\.internal\\.misc\\.Unsafe\\.park|java\\.util\\.concurrent\\.locks\\.LockSupport\\.park)");

	private static final Pattern LOCK = Pattern.compile(
			"^java\\.util\\.concurrent\\.locks\\.(AbstractQueued(Long)?Synchronizer|ReentrantLock|ReentrantReadWriteLock|StampedLock)");

	private static final Pattern CONDITION = Pattern.compile("\\$ConditionObject\\.");

	/**
	 * A frame is named only with at least this share of its mode's weight in the window.
	 */
	private static final double FRAME_SHARE = 0.05;

	/**
	 * Threads of the service waiting this long per second more than in the baseline (a
	 * fifth of a thread, all the time) is contention.
	 */
	private static final double LOCK_WAIT_SECONDS_PER_SECOND = 0.2;

	/**
	 * Code of the service that holds this share of the running samples and gained this
	 * many samples a second (the flight recorder samples a running thread up to 50 times
	 * a second) is a hot spot.
	 */
	private static final double BURNING_SHARE = 0.3;

	private static final double BURNING_SAMPLES_PER_SECOND = 0.5;

	/**
	 * A host this busy on average over the window (a share of all cores) has no CPU to
	 * spare ...
	 */
	static final double HOST_BUSY = 0.9;

	/**
	 * ... and when processes other than the lab's JVMs use this share of it, more by
	 * {@link #OTHERS_RISE} than before the window, they took the CPU the services needed.
	 */
	static final double OTHERS_BUSY = 0.5;

	static final double OTHERS_RISE = 0.25;

	private final Predicate<String> application;

	/**
	 * @param applicationPackage the package prefix of the services' own code, e.g.
	 * {@code dev.latencylab.}
	 * @param excludedPackage a prefix of shared code that is never the culprit, e.g.
	 * {@code dev.latencylab.kit.}
	 */
	public DiagnosisRules(String applicationPackage, String excludedPackage) {
		this.application = (frame) -> frame.startsWith(applicationPackage) && !frame.startsWith(excludedPackage)
				&& !frame.contains("$$") && !CollapsedStacks.isType(frame);
	}

	/**
	 * @return which frames are the services' own code
	 */
	public Predicate<String> applicationFrames() {
		return this.application;
	}

	/**
	 * @param traces what the traces say
	 * @return the service to look into: the one that holds the most extra time of the
	 * slow traces; none when no trace was slow
	 */
	public Optional<String> suspect(TraceFindings traces) {
		return traces.suspect().map(TraceFindings.ServiceShare::service);
	}

	/**
	 * @param traces what the traces say
	 * @return every service that holds a real share (a fifth or more) of the slow traces'
	 * extra critical-path time, most first, at most three: more than one cause can hold
	 * at once
	 */
	public List<String> suspects(TraceFindings traces) {
		long total = traces.services().stream().mapToLong((s) -> Math.max(0, s.extraMillis())).sum();
		return traces.services()
			.stream()
			.filter((service) -> service.extraMillis() > 0 && service.extraMillis() >= SUSPECT_SHARE * total)
			.limit(3)
			.map(TraceFindings.ServiceShare::service)
			.toList();
	}

	/**
	 * The flight recorder modes that can confirm what traces and metrics already say, so
	 * that only those are read (each takes seconds to render on a busy service).
	 * @param withoutProfile the verdict from traces and metrics alone
	 * @return the modes to read
	 */
	public static List<String> modesToConfirm(Verdict withoutProfile) {
		return switch (withoutProfile.cause()) {
			case "gc-pause" -> List.of("alloc");
			// the waiters in the lock profile, the connections' holders in the wall
			// profile
			case "pool-starvation" -> List.of("lock", "wall");
			case "jvm-lock-contention" -> List.of("lock");
			case "db-lock-wait", "db-busy", "slow-query", "slow-downstream" -> List.of("wall");
			// CPU that rose may be a lock holder's work: the lock profile tells
			default -> List.of("wall", "lock");
		};
	}

	/**
	 * @param traces what the traces say
	 * @param signals what Prometheus says, by application
	 * @param database what PostgreSQL said about itself in the window
	 * @param suspect the service the traces point at
	 * @param profile the suspect's flight recorder over the window, if it could be read
	 * @param baseline the suspect's profile when it was healthy, if there is one
	 * @return the verdict
	 */
	public Verdict decide(TraceFindings traces, Map<String, ServiceSignals> signals, DatabaseWindow database,
			Optional<String> suspect, Optional<Profile> profile, Optional<Profile> baseline) {
		if (suspect.isEmpty()) {
			if (traces.normalTraces() == 0) {
				// no trace at all: the store is down, or no request came; either way
				// nothing here says checkout is fine
				return verdict(CauseClass.UNKNOWN, "", Optional.empty(), Optional.empty(), "low",
						"No trace of the endpoint in the window: without traces the toolkit cannot tell whether checkout is slow.",
						List.of(new Verdict.Evidence("traces", "cause", "no trace of the endpoint in the window")));
			}
			List<Verdict.Evidence> evidence = List.of(new Verdict.Evidence("traces", "cause",
					"none of the endpoint's traces in the window was slow (%d fast ones, median %d ms)"
						.formatted(traces.normalTraces(), traces.normalMedianMillis())));
			return verdict(CauseClass.NONE, "", Optional.empty(), Optional.empty(), "high",
					"Nothing to diagnose: no slow request in the window.", evidence);
		}
		String service = suspect.get();
		ServiceSignals signal = signals.getOrDefault(service, new ServiceSignals(service, Map.of(), Map.of()));
		Optional<Culprit> culprit = traces.culpritIn(service);
		List<Verdict.Evidence> evidence = new ArrayList<>();
		Optional<TraceFindings.ServiceShare> share = traces.suspect()
			.filter((found) -> found.service().equals(service));
		if (share.isPresent()) {
			evidence.add(new Verdict.Evidence("traces", "service",
					"%d slow traces (median %d ms, normal %d ms): %s holds %d ms more of their critical path than in normal ones"
						.formatted(traces.slowTraces(), traces.slowMedianMillis(), traces.normalMedianMillis(), service,
								share.get().extraMillis())));
		}
		else {
			evidence.add(new Verdict.Evidence("alert", "service",
					"no checkout was slow in the window yet (%d slow traces); the alert points at %s"
						.formatted(traces.slowTraces(), service)));
		}
		culprit.ifPresent((c) -> evidence.add(new Verdict.Evidence("traces", "culprit",
				"in %d of %d slow traces the span holding the most time is %s %s '%s' (median %d ms of its own)%s"
					.formatted(c.traces(), traces.slowTraces(), service, describe(c.work()), shortName(c),
							c.medianSelfMillis(), c.statement().isEmpty() ? "" : ": " + c.statement()))));

		// a JVM that stood still first: it stretches every span in it, whatever kind
		Optional<Verdict> stood = stoodStill(service, signal, share.isPresent(), culprit, profile, baseline, evidence);
		if (stood.isPresent()) {
			return stood.get();
		}
		Optional<Verdict.Evidence> heldIdle = heldIdle(service, database.activityOf(service));
		if (culprit.isEmpty()) {
			if (poolWaits(signal)) {
				heldIdle.ifPresent(evidence::add);
				return poolStarvation(service, signal, culprit, profile, baseline, evidence, false,
						heldIdle.isPresent());
			}
			return verdict(CauseClass.UNKNOWN, service, culprit, Optional.empty(), "low",
					service + " is named, but no span of it stands out and neither GC, a stall nor pool waits rose.",
					evidence);
		}
		Culprit c = culprit.get();
		switch (c.work()) {
			case SQL -> {
				return inDatabase(service, c, database, profile, baseline, evidence);
			}
			case HTTP_CLIENT -> {
				// a call made inside a transaction holds a connection all along: with
				// threads
				// waiting for the pool, the pool starves, whatever the call's own time
				if (poolWaits(signal) && heldIdle.isPresent()) {
					evidence.add(heldIdle.get());
					return poolStarvation(service, signal, culprit, profile, baseline, evidence, true, true);
				}
				boolean metric = signal.in(Signal.HTTP_CLIENT_MEAN_SECONDS) >= 0.1 && signal
					.in(Signal.HTTP_CLIENT_MEAN_SECONDS) >= 3 * signal.before(Signal.HTTP_CLIENT_MEAN_SECONDS);
				if (metric) {
					evidence.add(new Verdict.Evidence("metrics", "cause",
							"%s's outgoing HTTP calls took %.0f ms on average in the window, %.0f ms before it"
								.formatted(service, 1000 * signal.in(Signal.HTTP_CLIENT_MEAN_SECONDS),
										1000 * signal.before(Signal.HTTP_CLIENT_MEAN_SECONDS))));
				}
				Optional<FrameGain> frame = frame(profile, baseline, "wall", this::waitsForNetwork);
				frame.ifPresent((f) -> evidence.add(frameEvidence(f, "waits for the network in", "samples")));
				return verdict(CauseClass.SLOW_DOWNSTREAM, service, culprit, frame,
						confidence(true, metric, frame.isPresent()),
						"%s waits %d ms for its call '%s'".formatted(service, c.medianSelfMillis(), c.name()),
						evidence);
			}
			default -> {
				return inProcess(service, signal, c, profile, baseline, heldIdle, evidence);
			}
		}
	}

	/**
	 * A JVM that stood still: for GC (the GC pauses explain the longest hiccup) or for
	 * something else (stopped by a signal, swapped out, descheduled by the host, a long
	 * safepoint that is not GC).
	 */
	private Optional<Verdict> stoodStill(String service, ServiceSignals signal, boolean traced,
			Optional<Culprit> culprit, Optional<Profile> profile, Optional<Profile> baseline,
			List<Verdict.Evidence> evidence) {
		double gcMax = signal.in(Signal.GC_PAUSE_MAX);
		double hiccupMax = signal.in(Signal.HICCUP_MAX);
		boolean hiccups = signal.window().containsKey(Signal.HICCUP_MAX);
		boolean longGc = gcMax >= LONG_GC_PAUSE_SECONDS && signal.in(Signal.GC_PAUSE_SECONDS) >= LONG_GC_PAUSE_SECONDS;
		// the GC explains the stall when its longest pause is most of the longest hiccup
		if (longGc && (!hiccups || gcMax >= 0.5 * hiccupMax)) {
			evidence.add(new Verdict.Evidence("metrics", "cause",
					"%s stood still %.1f s for GC in the window (%.1f s before it); its longest pause was %.1f s%s"
						.formatted(service, signal.in(Signal.GC_PAUSE_SECONDS), signal.before(Signal.GC_PAUSE_SECONDS),
								gcMax, hiccups ? ", its longest hiccup %.1f s".formatted(hiccupMax) : "")));
			Optional<FrameGain> frame = frame(profile, baseline, "alloc", (stack) -> true);
			frame.ifPresent((f) -> evidence.add(frameEvidence(f, "allocates", "bytes")));
			return Optional
				.of(verdict(CauseClass.GC_PAUSE, service, culprit, frame, confidence(traced, true, frame.isPresent()),
						"%s stops the world for GC (pauses up to %.1f s); %s".formatted(service, gcMax,
								frame.map((f) -> "the allocation profile's top frame is " + f.frame() + ".")
									.orElse("no allocation frame stands out.")),
						evidence));
		}
		if (hiccups && hiccupMax >= LONG_STALL_SECONDS && signal.in(Signal.STALLS) >= 1 && gcMax < 0.5 * hiccupMax) {
			// a JVM that got no CPU for a second wakes as late as a stopped one
			Optional<Verdict.Evidence> host = hostSaturated(service, signal);
			if (host.isPresent()) {
				evidence.add(new Verdict.Evidence("metrics", "cause",
						"%s's hiccup meter woke up to %.1f s late while its longest GC pause was %.2f s"
							.formatted(service, hiccupMax, gcMax)));
				return Optional.of(hostSaturation(service, culprit, traced, host.get(), evidence));
			}
			evidence.add(new Verdict.Evidence("metrics", "cause",
					"%s's hiccup meter woke up to %.1f s late (%.0f times over %.0f s in the window) while its longest GC pause was %.2f s: the whole JVM stood still, not for GC"
						.formatted(service, hiccupMax, signal.in(Signal.STALLS), LONG_STALL_SECONDS, gcMax)));
			return Optional.of(verdict(CauseClass.PROCESS_STALL, service, culprit, Optional.empty(),
					confidence(traced, true, false),
					"%s's JVM stood still for up to %.1f s, and not for GC: stopped (SIGSTOP, a debugger, a frozen container), swapped out, or a long safepoint"
						.formatted(service, hiccupMax),
					evidence));
		}
		return Optional.empty();
	}

	/**
	 * The slow requests wait for a statement: only PostgreSQL can tell whether it waits
	 * for a lock (and whose) or works (and on what plan).
	 */
	private Verdict inDatabase(String service, Culprit c, DatabaseWindow database, Optional<Profile> profile,
			Optional<Profile> baseline, List<Verdict.Evidence> evidence) {
		Optional<Culprit> culprit = Optional.of(c);
		Optional<FrameGain> frame = frame(profile, baseline, "wall", (stack) -> stack.has(JDBC));
		frame.ifPresent((f) -> evidence.add(frameEvidence(f, "waits for PostgreSQL in", "samples")));
		if (!database.available()) {
			evidence.add(new Verdict.Evidence("database", "cause",
					"PostgreSQL's own views could not be read: " + database.problem()));
			return verdict(CauseClass.UNKNOWN, service, culprit, frame, "low",
					"%s waits %d ms for '%s', but only PostgreSQL can tell a lock wait from a statement's own work, and it could not be read (%s)."
						.formatted(service, c.medianSelfMillis(), c.statement(), database.problem()),
					evidence);
		}
		DatabaseWindow.Activity activity = database.activityOf(service);
		List<LockWait> waits = database.lockWaits(service);
		double working = activity.totalWorkingSeconds();
		String sampled = "PostgreSQL sampled %d times in the window: %s's sessions waited for locks %.0f session-seconds, ran statements %.0f (%s), sat idle in transactions %.0f"
			.formatted(database.sampleCount(), service, activity.lockSeconds(), working,
					describe(activity.workingWaits()), activity.idleInTransactionSeconds());
		if (activity.lockSeconds() >= DATABASE_SECONDS && activity.lockSeconds() >= working && !waits.isEmpty()) {
			LockWait top = waits.get(0);
			evidence.add(new Verdict.Evidence("database", "cause", sampled));
			evidence.add(new Verdict.Evidence("database", "culprit",
					"%.0f session-seconds (up to %d sessions at once, the longest %.1f s) waited for %s while running '%s'%s"
						.formatted(top.waitedSeconds(), top.waiters(), top.longestWaitSeconds(), top.describe(),
								top.waiterStatement(), (top.chain() > 1)
										? "; %d sessions deep in the blocking tree".formatted(top.chain()) : "")));
			return verdict(CauseClass.DB_LOCK_WAIT, service, culprit, frame, confidence(true, true, frame.isPresent()),
					"%s's statements wait for a lock: %s".formatted(service, top.describe()), evidence)
				.withDatabase(top.waiterStatement(), top.describe(), "");
		}
		Optional<Map.Entry<String, Double>> top = activity.topStatement();
		// another client's statements held the database's CPU and disks while the
		// suspect's own did no more work per call than before: they wait their turn
		Optional<DatabaseWindow.Activity> other = database.othersWorking(service)
			.stream()
			.findFirst()
			.filter((busiest) -> busiest.totalWorkingSeconds() >= DATABASE_SECONDS
					&& busiest.totalWorkingSeconds() >= 2 * working && !moreWorkPerCall(database, top));
		if (other.isPresent()) {
			DatabaseWindow.Activity busiest = other.get();
			Map.Entry<String, Double> theirs = busiest.topStatement().orElseThrow();
			evidence.add(new Verdict.Evidence("database", "cause", sampled));
			evidence.add(new Verdict.Evidence("database", "culprit",
					"meanwhile %s's sessions ran statements %.0f session-seconds (%s), %.0f of them this one: %s"
						.formatted(busiest.application(), busiest.totalWorkingSeconds(),
								describe(busiest.workingWaits()), theirs.getValue(), theirs.getKey())));
			return verdict(CauseClass.DB_BUSY, service, culprit, frame, confidence(true, true),
					"%s's statements wait their turn: PostgreSQL is busy with %s's work (%.0f session-seconds against %.0f of %s's own)"
						.formatted(service, busiest.application(), busiest.totalWorkingSeconds(), working, service),
					evidence)
				.withDatabase(theirs.getKey(), "", "");
		}
		if (working >= DATABASE_SECONDS && top.isPresent() && top.get().getValue() >= 0.5 * working) {
			String statement = top.get().getKey();
			evidence.add(new Verdict.Evidence("database", "cause", sampled));
			evidence.add(new Verdict.Evidence("database", "culprit",
					"one statement holds %.0f of those %.0f session-seconds, working, not waiting for a lock: %s"
						.formatted(top.get().getValue(), working, statement)));
			database.statement(statement)
				.ifPresent((stats) -> evidence.add(new Verdict.Evidence("database", "cause",
						"pg_stat_statements: %d calls in the window, %.0f ms each on average%s, %.0f blocks touched per call%s"
							.formatted(stats.calls(), stats.meanMillis(),
									database.before(stats)
										.map((b) -> " (%.1f ms before it)".formatted(b.meanMillis()))
										.orElse(" (it did not run before the window)"),
									stats.blocksPerCall(),
									database.before(stats)
										.map((b) -> " (%.0f before it)".formatted(b.blocksPerCall()))
										.orElse("")))));
			return verdict(CauseClass.SLOW_QUERY, service, culprit, frame, confidence(true, true, frame.isPresent()),
					"%s's statement works %.0f session-seconds in PostgreSQL: %s".formatted(service,
							top.get().getValue(), statement),
					evidence)
				.withDatabase(statement, "", "");
		}
		evidence.add(new Verdict.Evidence("database", "cause", sampled));
		return verdict(CauseClass.UNKNOWN, service, culprit, frame, "low",
				"%s waits %d ms for '%s', but PostgreSQL saw neither lock waits nor a statement working long: the time is spent between them (the network, the driver, the pool)."
					.formatted(service, c.medianSelfMillis(), c.statement()),
				evidence);
	}

	/**
	 * @return whether the statement touched at least twice the blocks per call in the
	 * window as before it: its own work grew (a lost index, a grown table)
	 */
	private static boolean moreWorkPerCall(DatabaseWindow database, Optional<Map.Entry<String, Double>> top) {
		return top.flatMap((statement) -> database.statement(statement.getKey()))
			.flatMap((stats) -> database.before(stats)
				.map((before) -> stats.blocksPerCall() >= 2 * Math.max(1, before.blocksPerCall())))
			.orElse(false);
	}

	/**
	 * @return the database's evidence that the service held its connections in open
	 * transactions while it did something else (a remote call, waiting for a monitor),
	 * when the samples show enough of it
	 */
	private static Optional<Verdict.Evidence> heldIdle(String service, DatabaseWindow.Activity activity) {
		if (activity.idleInTransactionSeconds() < DATABASE_SECONDS
				|| activity.idleInTransactionSeconds() <= activity.lockSeconds()) {
			return Optional.empty();
		}
		return Optional.of(new Verdict.Evidence("database", "cause",
				"%s's sessions sat idle in an open transaction %.0f session-seconds of the window (the longest transaction %.1f s) and waited for locks %.0f: the service held its connections while it did something else"
					.formatted(service, activity.idleInTransactionSeconds(), activity.longestTransactionSeconds(),
							activity.lockSeconds())));
	}

	private static String describe(Map<String, Double> waits) {
		return waits.isEmpty() ? "none" : String.join(", ",
				waits.entrySet().stream().map((wait) -> "%s %.0f".formatted(wait.getKey(), wait.getValue())).toList());
	}

	private Verdict inProcess(String service, ServiceSignals signal, Culprit c, Optional<Profile> profile,
			Optional<Profile> baseline, Optional<Verdict.Evidence> heldIdle, List<Verdict.Evidence> evidence) {
		Optional<Culprit> culprit = Optional.of(c);
		// a gauge scraped every 5 s can miss a spell of a few seconds; the flight
		// recorder
		// saw every wait of 10 ms or more
		boolean blocked = signal.in(Signal.BLOCKED_THREADS) >= 2
				&& signal.in(Signal.BLOCKED_THREADS) >= signal.before(Signal.BLOCKED_THREADS) + 2;
		Optional<FrameGain> frame = frame(profile, baseline, "lock", DiagnosisRules::isContention);
		double waited = lockWaitGain(profile, baseline);
		boolean waits = frame.isPresent() && waited >= LOCK_WAIT_SECONDS_PER_SECOND;
		if (blocked || waits) {
			if (blocked) {
				evidence.add(new Verdict.Evidence("metrics", "cause",
						"up to %.0f threads of %s were blocked on a monitor in the window (%.0f before it)".formatted(
								signal.in(Signal.BLOCKED_THREADS), service, signal.before(Signal.BLOCKED_THREADS))));
			}
			if (waits) {
				evidence.add(new Verdict.Evidence("profile", "cause",
						"%s's threads waited %.2f s per second more for monitors and locks than in the baseline (flight recorder)"
							.formatted(service, waited)));
			}
			frame.ifPresent((f) -> evidence.add(frameEvidence(f, "waits for a monitor in", "ns")));
			return verdict(CauseClass.JVM_LOCK_CONTENTION, service, culprit, frame,
					confidence(true, blocked, frame.isPresent()), "%s's requests wait for a Java monitor%s".formatted(
							service, frame.map((f) -> " (" + f.leaf() + ") in " + f.frame()).orElse("")),
					evidence);
		}
		// after lock contention: threads blocked on a monitor while they hold connections
		// leave others waiting for the pool, and the pool is then a symptom. Any two of
		// the pool's timer, the database's idle transactions and the recorder's waits
		// for a pooled connection name it
		if (poolWaits(signal) || (heldIdle.isPresent() && poolFrame(profile, baseline).isPresent())) {
			heldIdle.ifPresent(evidence::add);
			return poolStarvation(service, signal, culprit, profile, baseline, evidence, true, heldIdle.isPresent());
		}
		boolean cpu = signal.in(Signal.CPU) >= 0.25 && signal.in(Signal.CPU) >= 1.5 * signal.before(Signal.CPU);
		Optional<FrameGain> hot = frame(profile, baseline, "wall",
				(stack) -> !stack.has(NETWORK) && !stack.has(POOL) && !stack.has(JDBC));
		// a burst of a few seconds on one core barely moves a gauge scraped every 5 s;
		// the
		// flight recorder sampled the code that ran
		boolean burning = hot.filter((f) -> f.share() >= BURNING_SHARE && f.gain() >= BURNING_SAMPLES_PER_SECOND)
			.isPresent();
		Optional<Verdict.Evidence> host = hostSaturated(service, signal);
		if (!cpu && host.isPresent()) {
			return hostSaturation(service, culprit, true, host.get(), evidence);
		}
		if (cpu || burning) {
			if (cpu) {
				evidence.add(new Verdict.Evidence("metrics", "cause",
						"%s's CPU usage reached %.0f %% of all cores in the window (%.0f %% before it)"
							.formatted(service, 100 * signal.in(Signal.CPU), 100 * signal.before(Signal.CPU))));
			}
			hot.ifPresent((f) -> evidence.add(frameEvidence(f, "runs", "samples")));
			return verdict(CauseClass.CPU_HOT_SPOT, service, culprit, hot, confidence(true, cpu, hot.isPresent()),
					"%s burns CPU%s".formatted(service,
							hot.map((f) -> " in " + f.frame() + " (" + f.leaf() + ")").orElse("")),
					evidence);
		}
		// a remote call the traces do not show (a raw socket, an untraced client): the
		// service's own code waits in a socket read
		Optional<FrameGain> io = frame(profile, baseline, "wall", this::waitsForNetwork);
		if (io.filter((f) -> f.share() >= BURNING_SHARE && f.gain() >= BURNING_SAMPLES_PER_SECOND).isPresent()) {
			io.ifPresent((f) -> evidence.add(frameEvidence(f, "waits for the network in", "samples")));
			return verdict(CauseClass.SLOW_DOWNSTREAM, service, culprit, io, confidence(true, false, true),
					"%s's '%s' waits for a remote answer in %s (%s), a call the traces do not show".formatted(service,
							c.name(), io.get().frame(), io.get().leaf()),
					evidence);
		}
		return verdict(CauseClass.UNKNOWN, service, culprit, Optional.empty(), "low",
				"%s holds the time in '%s' itself, but neither GC, pool waits, blocked threads nor CPU rose: look at the flame graphs."
					.formatted(service, c.name()),
				evidence);
	}

	/**
	 * @return the metrics' evidence that other processes than the lab's JVMs kept the
	 * host's CPU busy in the window, when they did: the service waited for a core, not
	 * for its own work
	 */
	private static Optional<Verdict.Evidence> hostSaturated(String service, ServiceSignals signal) {
		double host = signal.in(Signal.HOST_CPU);
		double others = signal.in(Signal.OTHERS_CPU);
		if (host < HOST_BUSY || others < OTHERS_BUSY || others < signal.before(Signal.OTHERS_CPU) + OTHERS_RISE) {
			return Optional.empty();
		}
		return Optional.of(new Verdict.Evidence("metrics", "cause",
				"the host %s runs on was %.0f %% busy on average in the window (%.0f %% before it), %.0f %% of all cores used by processes other than the lab's JVMs (%.0f %% before it); its load reached %.1f per core (%.1f before it)"
					.formatted(service, 100 * host, 100 * signal.before(Signal.HOST_CPU), 100 * others,
							100 * signal.before(Signal.OTHERS_CPU), signal.in(Signal.LOAD_PER_CORE),
							signal.before(Signal.LOAD_PER_CORE))));
	}

	private static Verdict hostSaturation(String service, Optional<Culprit> culprit, boolean traced,
			Verdict.Evidence host, List<Verdict.Evidence> evidence) {
		evidence.add(host);
		return verdict(CauseClass.HOST_SATURATION, service, culprit, Optional.empty(), confidence(traced, true),
				"%s waits for a CPU: other processes on its host keep every core busy, and its own CPU use did not rise"
					.formatted(service),
				evidence);
	}

	/**
	 * @return whether a lock-mode stack waited for a lock another thread held: a monitor
	 * (not a park), or a park inside a lock of java.util.concurrent; not a wait for a
	 * result (an HTTP response's future), a condition, or a pooled connection
	 */
	static boolean isContention(CollapsedStacks.Stack stack) {
		if (stack.has(POOL)) {
			return false;
		}
		return !stack.has(PARK) || (stack.has(LOCK) && !stack.has(CONDITION));
	}

	private boolean waitsForNetwork(CollapsedStacks.Stack stack) {
		return stack.has(NETWORK) && stack.deepest(this.application).isPresent();
	}

	/**
	 * @return how many seconds a second the service's own code waited more for monitors
	 * and locks (not the JDBC pool) in the window than in the baseline
	 */
	private double lockWaitGain(Optional<Profile> profile, Optional<Profile> baseline) {
		Predicate<CollapsedStacks.Stack> own = (stack) -> isContention(stack)
				&& stack.deepest(this.application).isPresent();
		double window = profile.flatMap((p) -> p.stacks("lock"))
			.map((stacks) -> stacks.only(own).total() / (double) stacks.seconds())
			.orElse(0.0);
		double before = baseline.flatMap((p) -> p.stacks("lock"))
			.map((stacks) -> stacks.only(own).total() / (double) stacks.seconds())
			.orElse(0.0);
		return (window - before) / 1e9;
	}

	/**
	 * @return whether the service's threads waited for the JDBC pool in the window more
	 * than before it: a fifth of a thread all the time on average, or (when the pool's
	 * timer is missing) more threads waiting at once at a scrape
	 */
	private static boolean poolWaits(ServiceSignals signal) {
		if (signal.window().containsKey(Signal.POOL_WAIT)) {
			double waited = signal.in(Signal.POOL_WAIT);
			return waited >= LOCK_WAIT_SECONDS_PER_SECOND && waited >= 3 * signal.before(Signal.POOL_WAIT);
		}
		return signal.in(Signal.POOL_PENDING) >= 1
				&& signal.in(Signal.POOL_PENDING) > signal.before(Signal.POOL_PENDING);
	}

	/**
	 * Threads wait for the pool. When the database saw the connections sit idle in open
	 * transactions, the code to name is the holders' (what they did meanwhile, from the
	 * wall profile), not the waiters', which is wherever the next request happened to ask
	 * for a connection.
	 */
	private Verdict poolStarvation(String service, ServiceSignals signal, Optional<Culprit> culprit,
			Optional<Profile> profile, Optional<Profile> baseline, List<Verdict.Evidence> evidence, boolean traced,
			boolean database) {
		boolean metric = poolWaits(signal);
		if (metric) {
			evidence.add(new Verdict.Evidence("metrics", "cause",
					"%s's threads waited %.2f s a second for a JDBC connection in the window (%.2f before it); up to %.0f waited at once at a scrape (%.0f before it)"
						.formatted(service, signal.in(Signal.POOL_WAIT), signal.before(Signal.POOL_WAIT),
								signal.in(Signal.POOL_PENDING), signal.before(Signal.POOL_PENDING))));
		}
		Optional<FrameGain> waiters = poolFrame(profile, baseline);
		waiters.ifPresent((f) -> evidence.add(frameEvidence(f, "waits for a pooled connection in", "ns")));
		Optional<FrameGain> holders = database
				? frame(profile, baseline, "wall",
						(stack) -> !stack.has(POOL) && !stack.has(JDBC) && stack.deepest(this.application).isPresent())
				: Optional.empty();
		holders.ifPresent(
				(f) -> evidence.add(frameEvidence(f, "holds its connection while it runs or waits in", "samples")));
		Optional<FrameGain> frame = holders.or(() -> waiters);
		return verdict(CauseClass.POOL_STARVATION, service, culprit, frame, confidence(traced, metric, database, frame
			.isPresent()), holders
				.map((f) -> "%s's requests wait for a JDBC connection: its connections sit idle in open transactions while their threads are in %s (%s)"
					.formatted(service, f.frame(), f.leaf()))
				.orElse("%s's requests wait for a JDBC connection%s".formatted(service,
						waiters.map((f) -> " in " + f.frame()).orElse(""))),
				evidence);
	}

	/**
	 * @return the frame whose threads waited for a pooled connection, when they waited a
	 * fifth of a thread more than in the baseline: a moment's wait (the CI run of
	 * 2026-12-05 saw 0.26 ms a second behind a 5 s network call) starves nothing
	 */
	private Optional<FrameGain> poolFrame(Optional<Profile> profile, Optional<Profile> baseline) {
		return frame(profile, baseline, "lock", (stack) -> stack.has(POOL))
			.filter((f) -> f.gain() >= LOCK_WAIT_SECONDS_PER_SECOND * 1e9);
	}

	private Optional<FrameGain> frame(Optional<Profile> profile, Optional<Profile> baseline, String mode,
			Predicate<CollapsedStacks.Stack> keep) {
		Optional<CollapsedStacks> window = profile.flatMap((p) -> p.stacks(mode)).map((stacks) -> stacks.only(keep));
		if (window.isEmpty() || window.get().total() == 0) {
			return Optional.empty();
		}
		Optional<CollapsedStacks> before = baseline.flatMap((p) -> p.stacks(mode)).map((stacks) -> stacks.only(keep));
		List<FrameGain> gains = window.get().gainsOver(before, this.application);
		return gains.stream().findFirst().filter((gain) -> gain.gain() > 0 && gain.share() >= FRAME_SHARE);
	}

	private static Verdict.Evidence frameEvidence(FrameGain frame, String verb, String unit) {
		return new Verdict.Evidence("profile", "frame",
				"%s %s %.0f %% of the window's %s (%.3g %s/s, %.3g %s/s in the baseline); on top of its stacks: %s"
					.formatted(frame.frame(), verb, 100 * frame.share(), unit, frame.rate(), unit, frame.baselineRate(),
							unit, frame.leaf()));
	}

	/**
	 * @param agreeing per source, whether it supports the verdict
	 * @return {@code high} with three or more, {@code medium} with two, {@code low} with
	 * one
	 */
	private static String confidence(boolean... agreeing) {
		int count = 0;
		for (boolean agrees : agreeing) {
			count += agrees ? 1 : 0;
		}
		return (count >= 3) ? "high" : (count == 2) ? "medium" : "low";
	}

	private static String describe(Span.WorkKind work) {
		return switch (work) {
			case SQL -> "SQL";
			case HTTP_CLIENT -> "HTTP call";
			case IN_PROCESS -> "in-process";
		};
	}

	private static String shortName(Culprit culprit) {
		return culprit.name();
	}

	private static Verdict verdict(CauseClass cause, String service, Optional<Culprit> culprit,
			Optional<FrameGain> frame, String confidence, String summary, List<Verdict.Evidence> evidence) {
		return new Verdict(cause.id(), cause.title(), service, culprit.map(Culprit::name).orElse(""),
				culprit.map(Culprit::statement).orElse(""), frame.map(FrameGain::frame).orElse(""),
				frame.map(FrameGain::leaf).orElse(""), confidence, cause.runbook(), summary, List.copyOf(evidence), "",
				"");
	}

}
