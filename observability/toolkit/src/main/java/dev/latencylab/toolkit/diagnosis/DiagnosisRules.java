package dev.latencylab.toolkit.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import dev.latencylab.toolkit.database.DatabaseWindow;
import dev.latencylab.toolkit.metrics.PrometheusReader.Signal;
import dev.latencylab.toolkit.metrics.ServiceSignals;
import dev.latencylab.toolkit.profiles.Baseline;
import dev.latencylab.toolkit.profiles.CollapsedStacks;
import dev.latencylab.toolkit.profiles.CollapsedStacks.FrameGain;
import dev.latencylab.toolkit.profiles.Profile;
import dev.latencylab.toolkit.reports.Verdict;
import dev.latencylab.toolkit.traces.TraceFindings;
import dev.latencylab.toolkit.traces.TraceFindings.Culprit;

import static dev.latencylab.toolkit.diagnosis.Verdicts.confidence;
import static dev.latencylab.toolkit.diagnosis.Verdicts.describe;
import static dev.latencylab.toolkit.diagnosis.Verdicts.frameEvidence;
import static dev.latencylab.toolkit.diagnosis.Verdicts.shortName;
import static dev.latencylab.toolkit.diagnosis.Verdicts.verdict;

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

	/**
	 * A service whose spans hold most of the time of this many slow traces, and of this
	 * share of them, is diagnosed on its own, whatever its share of the time.
	 */
	static final int CULPRIT_TRACES_AT_LEAST = 2;

	static final double CULPRIT_TRACES_SHARE = 0.1;

	/**
	 * Code of the service that holds this share of the running samples and gained this
	 * many samples a second (the flight recorder samples a running thread up to 50 times
	 * a second) is a hot spot.
	 */
	private static final double BURNING_SHARE = 0.3;

	private static final double BURNING_SAMPLES_PER_SECOND = 0.5;

	private final Predicate<String> application;

	private final ProfileFrames frames;

	private final StallRule stalls;

	/**
	 * @param applicationPackage the package prefix of the services' own code, e.g.
	 * {@code dev.latencylab.}
	 * @param excludedPackage a prefix of shared code that is never the culprit, e.g.
	 * {@code dev.latencylab.kit.}
	 */
	public DiagnosisRules(String applicationPackage, String excludedPackage) {
		this.application = (frame) -> frame.startsWith(applicationPackage) && !frame.startsWith(excludedPackage)
				&& !frame.contains("$$") && !CollapsedStacks.isType(frame);
		this.frames = new ProfileFrames(this.application);
		this.stalls = new StallRule(this.frames);
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
	 * More than one cause can hold at once. A service is a suspect when it holds a real
	 * share (a fifth or more) of the slow traces' extra critical-path time, or when the
	 * time of several slow traces (at least {@value #CULPRIT_TRACES_AT_LEAST}, and a
	 * tenth of them) went mostly to it: a rarer cause whose few slow requests each lost
	 * seconds there, next to a frequent one that holds most of the time.
	 * @param traces what the traces say
	 * @return the suspects, most extra time first, at most three
	 */
	public List<String> suspects(TraceFindings traces) {
		long total = traces.services().stream().mapToLong((s) -> Math.max(0, s.extraMillis())).sum();
		int culpritTraces = Math.max(CULPRIT_TRACES_AT_LEAST,
				(int) Math.ceil(CULPRIT_TRACES_SHARE * traces.slowTraces()));
		return traces.services()
			.stream()
			.filter((service) -> service.extraMillis() > 0
					&& (service.extraMillis() >= SUSPECT_SHARE * total || service.culpritTraces() >= culpritTraces))
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
	 * The async-profiler modes of a live capture after a verdict: what the service does
	 * now, while the fault may still be on.
	 * @param cause the verdict's cause class
	 * @return the modes to capture
	 */
	public static List<String> modesToCaptureLive(String cause) {
		return switch (cause) {
			case "cpu-hot-spot" -> List.of("cpu", "wall");
			case "gc-pause" -> List.of("alloc", "wall");
			default -> List.of("wall", "lock");
		};
	}

	/**
	 * @param traces what the traces say
	 * @param signals what Prometheus says, by application
	 * @param database what PostgreSQL said about itself in the window
	 * @param suspect the service the traces point at
	 * @param profile the suspect's flight recorder over the window, if it could be read
	 * @param baseline the suspect's recent profiles when it was healthy (none when it has
	 * none yet)
	 * @return the verdict
	 */
	public Verdict decide(TraceFindings traces, Map<String, ServiceSignals> signals, DatabaseWindow database,
			Optional<String> suspect, Optional<Profile> profile, Baseline baseline) {
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
		Optional<Verdict> stood = this.stalls.stoodStill(service, signal, share.isPresent(), culprit, profile, baseline,
				evidence);
		if (stood.isPresent()) {
			return stood.get();
		}
		Optional<Verdict.Evidence> heldIdle = DatabaseRule.heldIdle(service, database.activityOf(service));
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
				// the culprit ran in the slow requests' traces: its code is among the
				// stacks that serve requests, not a background job's that a busy
				// database slowed as well (a recount whose own statements gained as
				// much); a service that runs its statements elsewhere still gets a frame
				Predicate<CollapsedStacks.Stack> jdbc = (stack) -> stack.has(ProfileFrames.JDBC);
				Optional<FrameGain> frame = this.frames
					.frame(profile, baseline, "wall", jdbc.and((stack) -> stack.has(ProfileFrames.SERVING)))
					.or(() -> this.frames.frame(profile, baseline, "wall", jdbc));
				return DatabaseRule.inDatabase(service, c, database, frame, evidence);
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
				Optional<FrameGain> frame = this.frames.frame(profile, baseline, "wall", this.frames::waitsForNetwork);
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

	private Verdict inProcess(String service, ServiceSignals signal, Culprit c, Optional<Profile> profile,
			Baseline baseline, Optional<Verdict.Evidence> heldIdle, List<Verdict.Evidence> evidence) {
		Optional<Culprit> culprit = Optional.of(c);
		// a gauge scraped every 5 s can miss a spell of a few seconds; the flight
		// recorder
		// saw every wait of 10 ms or more
		boolean blocked = signal.in(Signal.BLOCKED_THREADS) >= 2
				&& signal.in(Signal.BLOCKED_THREADS) >= signal.before(Signal.BLOCKED_THREADS) + 2;
		Optional<FrameGain> frame = this.frames.frame(profile, baseline, "lock", ProfileFrames::isContention);
		double waited = this.frames.lockWaitGain(profile, baseline);
		boolean waits = frame.isPresent() && waited >= ProfileFrames.LOCK_WAIT_SECONDS_PER_SECOND;
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
		if (poolWaits(signal) || (heldIdle.isPresent() && this.frames.poolFrame(profile, baseline).isPresent())) {
			heldIdle.ifPresent(evidence::add);
			return poolStarvation(service, signal, culprit, profile, baseline, evidence, true, heldIdle.isPresent());
		}
		boolean cpu = signal.in(Signal.CPU) >= 0.25 && signal.in(Signal.CPU) >= 1.5 * signal.before(Signal.CPU);
		Optional<FrameGain> hot = this.frames.frame(profile, baseline, "wall",
				(stack) -> !stack.has(ProfileFrames.NETWORK) && !stack.has(ProfileFrames.POOL)
						&& !stack.has(ProfileFrames.JDBC));
		// a burst of a few seconds on one core barely moves a gauge scraped every 5 s;
		// the
		// flight recorder sampled the code that ran
		boolean burning = hot.filter((f) -> f.share() >= BURNING_SHARE && f.gain() >= BURNING_SAMPLES_PER_SECOND)
			.isPresent();
		Optional<Verdict.Evidence> host = StallRule.hostSaturated(service, signal);
		if (!cpu && host.isPresent()) {
			return StallRule.hostSaturation(service, culprit, true, host.get(), evidence);
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
		// service's own code waits in a socket read. Not in a traced HTTP client: that
		// call's client span is in the trace, and its time went to the span below it, the
		// culprit (a caller in the same service waits for it as long)
		Optional<FrameGain> io = this.frames.frame(profile, baseline, "wall", this.frames::waitsForUntracedNetwork);
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
	 * @return whether the service's threads waited for the JDBC pool in the window more
	 * than before it: a fifth of a thread all the time on average, or (when the pool's
	 * timer is missing) more threads waiting at once at a scrape
	 */
	private static boolean poolWaits(ServiceSignals signal) {
		if (signal.window().containsKey(Signal.POOL_WAIT)) {
			double waited = signal.in(Signal.POOL_WAIT);
			return waited >= ProfileFrames.LOCK_WAIT_SECONDS_PER_SECOND
					&& waited >= 3 * signal.before(Signal.POOL_WAIT);
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
			Optional<Profile> profile, Baseline baseline, List<Verdict.Evidence> evidence, boolean traced,
			boolean database) {
		boolean metric = poolWaits(signal);
		if (metric) {
			evidence.add(new Verdict.Evidence("metrics", "cause",
					"%s's threads waited %.2f s a second for a JDBC connection in the window (%.2f before it); up to %.0f waited at once at a scrape (%.0f before it)"
						.formatted(service, signal.in(Signal.POOL_WAIT), signal.before(Signal.POOL_WAIT),
								signal.in(Signal.POOL_PENDING), signal.before(Signal.POOL_PENDING))));
		}
		Optional<FrameGain> waiters = this.frames.poolFrame(profile, baseline);
		waiters.ifPresent((f) -> evidence.add(frameEvidence(f, "waits for a pooled connection in", "ns")));
		Predicate<CollapsedStacks.Stack> running = (stack) -> !stack.has(ProfileFrames.POOL)
				&& !stack.has(ProfileFrames.JDBC) && stack.deepest(this.application).isPresent();
		// the holders are in a transaction: name what their threads do there, when
		// the stacks show it with some weight, rather than what other threads wait
		// for meanwhile (the card network's own side of the holders' call)
		Optional<FrameGain> holders = database ? this.frames
			.frame(profile, baseline, "wall", running.and((stack) -> stack.has(ProfileFrames.TRANSACTION)))
			.filter((f) -> f.gain() >= BURNING_SAMPLES_PER_SECOND)
			.or(() -> this.frames.frame(profile, baseline, "wall", running)) : Optional.empty();
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

}
