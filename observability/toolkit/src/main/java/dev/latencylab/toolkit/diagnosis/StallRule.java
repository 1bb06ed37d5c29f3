package dev.latencylab.toolkit.diagnosis;

import java.util.List;
import java.util.Optional;

import dev.latencylab.toolkit.metrics.PrometheusReader.Signal;
import dev.latencylab.toolkit.metrics.ServiceSignals;
import dev.latencylab.toolkit.profiles.Baseline;
import dev.latencylab.toolkit.profiles.CollapsedStacks.FrameGain;
import dev.latencylab.toolkit.profiles.Profile;
import dev.latencylab.toolkit.reports.Verdict;
import dev.latencylab.toolkit.traces.TraceFindings.Culprit;

import static dev.latencylab.toolkit.diagnosis.Verdicts.confidence;
import static dev.latencylab.toolkit.diagnosis.Verdicts.frameEvidence;
import static dev.latencylab.toolkit.diagnosis.Verdicts.verdict;

/**
 * What the metrics say about a JVM that stood still, whatever kind of span it was in: for
 * GC (its pauses explain the longest hiccup), for something else (stopped by a signal,
 * swapped out, a long safepoint), or because the host's other processes kept every core
 * busy.
 */
final class StallRule {

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

	private final ProfileFrames frames;

	StallRule(ProfileFrames frames) {
		this.frames = frames;
	}

	/**
	 * A JVM that stood still: for GC (the GC pauses explain the longest hiccup) or for
	 * something else (stopped by a signal, swapped out, descheduled by the host, a long
	 * safepoint that is not GC).
	 */
	Optional<Verdict> stoodStill(String service, ServiceSignals signal, boolean traced, Optional<Culprit> culprit,
			Optional<Profile> profile, Baseline baseline, List<Verdict.Evidence> evidence) {
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
			Optional<FrameGain> frame = this.frames.frame(profile, baseline, "alloc", (stack) -> true);
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
	 * @return the metrics' evidence that other processes than the lab's JVMs kept the
	 * host's CPU busy in the window, when they did: the service waited for a core, not
	 * for its own work
	 */
	static Optional<Verdict.Evidence> hostSaturated(String service, ServiceSignals signal) {
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

	static Verdict hostSaturation(String service, Optional<Culprit> culprit, boolean traced, Verdict.Evidence host,
			List<Verdict.Evidence> evidence) {
		evidence.add(host);
		return verdict(CauseClass.HOST_SATURATION, service, culprit, Optional.empty(), confidence(traced, true),
				"%s waits for a CPU: other processes on its host keep every core busy, and its own CPU use did not rise"
					.formatted(service),
				evidence);
	}

}
