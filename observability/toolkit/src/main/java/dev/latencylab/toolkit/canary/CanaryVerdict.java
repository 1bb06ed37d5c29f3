package dev.latencylab.toolkit.canary;

import java.time.Instant;
import java.util.List;

/**
 * A canary's verdict, with the numbers behind it.
 *
 * @param flag the fix's flag
 * @param decision promote, roll back, or not enough to say
 * @param reasons why, one line per check
 * @param fix the cohort with the fix
 * @param control the cohort without it
 * @param latencyPValue the one-sided Mann-Whitney p-value (is the fix slower?), null when
 * not compared
 * @param uStatistic the Mann-Whitney U statistic, null when not compared
 * @param errorPValue the one-sided Fisher exact p-value (does the fix fail more?), null
 * when not compared
 * @param minSamples the least requests each cohort needs
 * @param alpha the significance level
 * @param notes how the cohorts were gathered
 * @param judgedAt when
 */
public record CanaryVerdict(String flag, Decision decision, List<String> reasons, Figures fix, Figures control,
		Double latencyPValue, Double uStatistic, Double errorPValue, int minSamples, double alpha, List<String> notes,
		Instant judgedAt) {

	public enum Decision {

		/** The fix is no worse: roll it further. */
		PROMOTE,

		/** The fix is worse (slower or failing more): set its flag back to 0 %. */
		ROLLBACK,

		/** Too little traffic to say: wait, or drive more load. */
		INCONCLUSIVE

	}

	/**
	 * One cohort's figures; latencies are of the requests that did not fail.
	 *
	 * @param variant the flag's variant
	 * @param requests requests
	 * @param errors requests that failed on the lab's side
	 * @param errorRatio errors per request
	 * @param p50 median, ms
	 * @param p95 95th percentile, ms
	 * @param p99 99th percentile, ms
	 * @param max the slowest, ms
	 * @param from the earliest time the requests were gathered from
	 * @param to the latest
	 */
	public record Figures(String variant, int requests, int errors, double errorRatio, double p50, double p95,
			double p99, double max, Instant from, Instant to) {
	}

}
