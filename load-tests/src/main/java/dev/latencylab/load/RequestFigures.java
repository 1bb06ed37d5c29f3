package dev.latencylab.load;

/**
 * A request name's counts and response times (of all its answers, successful or not), in
 * whole milliseconds: what the row of Gatling's statistics table shows, from the same
 * reader.
 *
 * @param name the request's name ({@code All Requests} for the whole run)
 * @param count how many were sent
 * @param ok how many passed their checks
 * @param failed how many did not (a wrong status, a timeout, no connection)
 * @param perSecond mean requests per second over the run
 * @param minMs the fastest
 * @param p50Ms the median
 * @param p95Ms the 95th percentile
 * @param p99Ms the 99th percentile
 * @param p999Ms the 99.9th percentile
 * @param maxMs the slowest
 * @param meanMs the mean
 */
public record RequestFigures(String name, long count, long ok, long failed, double perSecond, long minMs, long p50Ms,
		long p95Ms, long p99Ms, long p999Ms, long maxMs, long meanMs) {

	/**
	 * @return the share of failed requests, in percent
	 */
	public double failedPercent() {
		return (this.count == 0) ? 0 : 100.0 * this.failed / this.count;
	}

}
