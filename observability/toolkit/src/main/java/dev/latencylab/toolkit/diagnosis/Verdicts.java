package dev.latencylab.toolkit.diagnosis;

import java.util.List;
import java.util.Optional;

import dev.latencylab.toolkit.profiles.CollapsedStacks.FrameGain;
import dev.latencylab.toolkit.reports.Verdict;
import dev.latencylab.toolkit.traces.Span;
import dev.latencylab.toolkit.traces.TraceFindings.Culprit;

/**
 * How the rules word a verdict: its fields from the cause, the culprit span and the
 * frame, the confidence from the sources that agree, and a frame as evidence.
 */
final class Verdicts {

	private Verdicts() {
	}

	static Verdict verdict(CauseClass cause, String service, Optional<Culprit> culprit, Optional<FrameGain> frame,
			String confidence, String summary, List<Verdict.Evidence> evidence) {
		return new Verdict(cause.id(), cause.title(), service, culprit.map(Culprit::name).orElse(""),
				culprit.map(Culprit::statement).orElse(""), frame.map(FrameGain::frame).orElse(""),
				frame.map(FrameGain::leaf).orElse(""), confidence, cause.runbook(), summary, List.copyOf(evidence), "",
				"");
	}

	/**
	 * @param agreeing per source, whether it supports the verdict
	 * @return {@code high} with three or more, {@code medium} with two, {@code low} with
	 * one
	 */
	static String confidence(boolean... agreeing) {
		int count = 0;
		for (boolean agrees : agreeing) {
			count += agrees ? 1 : 0;
		}
		return (count >= 3) ? "high" : (count == 2) ? "medium" : "low";
	}

	static String describe(Span.WorkKind work) {
		return switch (work) {
			case SQL -> "SQL";
			case HTTP_CLIENT -> "HTTP call";
			case IN_PROCESS -> "in-process";
		};
	}

	static String shortName(Culprit culprit) {
		return culprit.name();
	}

	static Verdict.Evidence frameEvidence(FrameGain frame, String verb, String unit) {
		return new Verdict.Evidence("profile", "frame",
				"%s %s %.0f %% of the window's %s (%.3g %s/s, %.3g %s/s in the baseline); on top of its stacks: %s"
					.formatted(frame.frame(), verb, 100 * frame.share(), unit, frame.rate(), unit, frame.baselineRate(),
							unit, frame.leaf()));
	}

}
