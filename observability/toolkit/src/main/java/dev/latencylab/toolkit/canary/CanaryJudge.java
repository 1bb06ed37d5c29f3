package dev.latencylab.toolkit.canary;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.FisherExactTest;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.SignificanceResult;

import dev.latencylab.toolkit.ToolkitProperties;

/**
 * Judges a canary in the manner of Kayenta: the cohort with the fix against the cohort
 * without it, over the same window. Latency: a one-sided Mann-Whitney U test of the
 * successful requests (is the fix's cohort slower?), which assumes no distribution and is
 * not swayed by a few huge outliers. Errors: a one-sided Fisher exact test of the error
 * counts (does the fix's cohort fail more often?). A difference counts only when it is
 * both significant (p below {@code alpha}) and larger than its tolerance, so that a real
 * but harmless shift does not roll a fix back. With fewer than {@code min-samples}
 * requests in either cohort the verdict is INCONCLUSIVE.
 */
public class CanaryJudge {

	private final ToolkitProperties.Canary settings;

	private final Clock clock;

	public CanaryJudge(ToolkitProperties.Canary settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * @param flag the fix's flag
	 * @param fix the requests of the cohort with the fix
	 * @param control the requests of the cohort without it
	 * @param notes what the caller wants said about how the cohorts were gathered
	 * @return the verdict, with its numbers
	 */
	public CanaryVerdict judge(String flag, Cohort fix, Cohort control, List<String> notes) {
		int min = this.settings.minSamples();
		double alpha = this.settings.alpha();
		CanaryVerdict.Figures fixFigures = fix.figures();
		CanaryVerdict.Figures controlFigures = control.figures();
		List<String> reasons = new ArrayList<>();
		if (fix.size() < min || control.size() < min) {
			reasons.add("too little traffic: %d requests with the fix and %d without; each cohort needs %d"
				.formatted(fix.size(), control.size(), min));
			return new CanaryVerdict(flag, CanaryVerdict.Decision.INCONCLUSIVE, reasons, fixFigures, controlFigures,
					null, null, null, min, alpha, notes, this.clock.instant());
		}

		// errors: does the fix's cohort fail more often than the control?
		SignificanceResult errors = FisherExactTest.withDefaults()
			.with(AlternativeHypothesis.GREATER_THAN)
			.test(new int[][] { { fix.errors(), fix.size() - fix.errors() },
					{ control.errors(), control.size() - control.errors() } });
		double errorRise = fixFigures.errorRatio() - controlFigures.errorRatio();
		boolean moreErrors = errors.getPValue() < alpha && errorRise > this.settings.errorTolerance();

		// latency of the requests that succeeded: is the fix's cohort slower?
		Double latencyP = null;
		Double u = null;
		boolean slower = false;
		double[] fixMillis = fix.successfulMillis();
		double[] controlMillis = control.successfulMillis();
		if (fixMillis.length >= min && controlMillis.length >= min) {
			MannWhitneyUTest.Result latency = MannWhitneyUTest.withDefaults()
				.with(AlternativeHypothesis.GREATER_THAN)
				.test(fixMillis, controlMillis);
			latencyP = latency.getPValue();
			u = latency.getStatistic();
			double allowed = Math.max(controlFigures.p50() * this.settings.latencyTolerance(),
					this.settings.latencyMargin().toMillis());
			slower = latencyP < alpha && fixFigures.p50() - controlFigures.p50() > allowed;
			reasons.add((slower ? "the fix's cohort is slower" : "the fix's cohort is not slower")
					+ ": median %.0f ms vs %.0f ms, p99 %.0f ms vs %.0f ms (Mann-Whitney U = %.0f, one-sided p = %.3g; tolerance %.0f ms)"
						.formatted(fixFigures.p50(), controlFigures.p50(), fixFigures.p99(), controlFigures.p99(), u,
								latencyP, allowed));
		}
		else {
			reasons.add("latency not compared: %d successful requests with the fix, %d without (%d needed)"
				.formatted(fixMillis.length, controlMillis.length, min));
		}
		reasons.add((moreErrors ? "the fix's cohort fails more often" : "the fix's cohort fails no more often")
				+ ": %.1f %% vs %.1f %% errors (Fisher exact, one-sided p = %.3g; tolerance %.1f points)".formatted(
						100 * fixFigures.errorRatio(), 100 * controlFigures.errorRatio(), errors.getPValue(),
						100 * this.settings.errorTolerance()));

		CanaryVerdict.Decision decision;
		if (slower || moreErrors) {
			decision = CanaryVerdict.Decision.ROLLBACK;
		}
		else if (fixMillis.length < min) {
			// nearly every request of the cohort failed, yet not significantly more than
			// without the fix: nothing to promote on
			decision = CanaryVerdict.Decision.INCONCLUSIVE;
		}
		else {
			decision = CanaryVerdict.Decision.PROMOTE;
		}
		return new CanaryVerdict(flag, decision, reasons, fixFigures, controlFigures, latencyP, u, errors.getPValue(),
				min, alpha, notes, this.clock.instant());
	}

}
