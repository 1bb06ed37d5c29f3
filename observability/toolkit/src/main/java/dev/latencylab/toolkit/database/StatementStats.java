package dev.latencylab.toolkit.database;

/**
 * One normalized statement's counters from {@code pg_stat_statements}: since the server's
 * start in a snapshot, or their growth over a stretch of time in a
 * {@link DatabaseWindow}.
 *
 * @param queryId the statement's id (the same for every parameter value)
 * @param database the database it ran in
 * @param query its normalized text ({@code $1} for parameters)
 * @param calls how many times it ran
 * @param totalMillis its execution time, summed (includes time waiting for locks)
 * @param rows the rows it returned or changed
 * @param blocksHit blocks found in PostgreSQL's buffer cache
 * @param blocksRead blocks read from the operating system
 */
public record StatementStats(long queryId, String database, String query, long calls, double totalMillis, long rows,
		long blocksHit, long blocksRead) {

	/**
	 * @return its mean execution time, 0 when it did not run
	 */
	public double meanMillis() {
		return (this.calls == 0) ? 0 : this.totalMillis / this.calls;
	}

	/**
	 * @return blocks touched (hit or read) per call
	 */
	public double blocksPerCall() {
		return (this.calls == 0) ? 0 : (double) (this.blocksHit + this.blocksRead) / this.calls;
	}

	/**
	 * @param earlier the same statement's counters at an earlier snapshot
	 * @return how much they grew since
	 */
	StatementStats minus(StatementStats earlier) {
		return new StatementStats(this.queryId, this.database, this.query, this.calls - earlier.calls,
				this.totalMillis - earlier.totalMillis, this.rows - earlier.rows, this.blocksHit - earlier.blocksHit,
				this.blocksRead - earlier.blocksRead);
	}

	String key() {
		return this.database + "|" + this.queryId;
	}

}
