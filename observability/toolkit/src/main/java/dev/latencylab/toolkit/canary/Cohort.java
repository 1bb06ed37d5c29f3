package dev.latencylab.toolkit.canary;

import java.time.Instant;
import java.util.List;

import org.apache.commons.statistics.descriptive.Quantile;

/**
 * The requests of one side of a canary.
 *
 * @param variant the flag's variant: {@code on} for the fix's cohort
 * @param requests its requests
 * @param from the earliest time they were gathered from
 * @param to the latest
 */
public record Cohort(String variant, List<Request> requests, Instant from, Instant to) {

	public int size() {
		return this.requests.size();
	}

	public int errors() {
		return (int) this.requests.stream().filter(Request::error).count();
	}

	/**
	 * @return how long each request that did not fail took, in milliseconds
	 */
	public double[] successfulMillis() {
		return this.requests.stream().filter((request) -> !request.error()).mapToDouble(Request::millis).toArray();
	}

	CanaryVerdict.Figures figures() {
		double[] millis = successfulMillis();
		double[] quantiles = (millis.length > 0) ? Quantile.withDefaults().evaluate(millis, 0.5, 0.95, 0.99, 1.0)
				: new double[4];
		return new CanaryVerdict.Figures(this.variant, size(), errors(), (size() > 0) ? (double) errors() / size() : 0,
				quantiles[0], quantiles[1], quantiles[2], quantiles[3], this.from, this.to);
	}

	/**
	 * One request.
	 *
	 * @param traceId its trace
	 * @param millis how long the customer waited
	 * @param error whether it failed on the lab's side (5xx)
	 */
	public record Request(String traceId, double millis, boolean error) {
	}

}
