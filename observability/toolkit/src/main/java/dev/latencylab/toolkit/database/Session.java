package dev.latencylab.toolkit.database;

import java.util.List;
import java.util.Optional;

/**
 * One client session of PostgreSQL as {@code pg_stat_activity} showed it in a sample.
 *
 * @param pid the backend's process id
 * @param application the client's {@code application_name} (the lab's services set their
 * own name), empty when the client set none
 * @param database the database it is connected to
 * @param state {@code active}, {@code idle in transaction}, ...
 * @param waitEventType what an active session waits for ({@code Lock}, {@code IO},
 * {@code LWLock}, ...), empty when it runs on a CPU
 * @param waitEvent the wait's detail ({@code relation}, {@code transactionid},
 * {@code DataFileRead}, ...)
 * @param query the statement it runs, or ran last when idle in a transaction
 * @param querySeconds how long that statement has run (or since it ended, when idle)
 * @param transactionSeconds how long its transaction has been open, 0 outside one
 * @param blockedBy the sessions that hold what it waits for ({@code pg_blocking_pids})
 * @param waitsFor the lock it waits for, when it waits for one
 * @param holds the locks it holds that others wait for (filled in for blockers only)
 */
public record Session(int pid, String application, String database, String state, String waitEventType,
		String waitEvent, String query, double querySeconds, double transactionSeconds, List<Integer> blockedBy,
		Optional<Lock> waitsFor, List<Lock> holds) {

	/**
	 * @return whether it runs a statement now
	 */
	public boolean isActive() {
		return "active".equals(this.state);
	}

	/**
	 * @return whether it runs a statement that waits for a heavyweight lock
	 */
	public boolean waitsForLock() {
		return isActive() && "Lock".equals(this.waitEventType);
	}

	/**
	 * @return whether it sits in an open transaction without running anything: the client
	 * holds the connection and the transaction's locks while it does something else
	 */
	public boolean idleInTransaction() {
		return this.state.startsWith("idle in transaction");
	}

	/**
	 * @return who the session is, for a person: its application (or that it set none) and
	 * its pid
	 */
	public String client() {
		return (this.application.isEmpty() ? "a client without application_name" : this.application) + " (pid "
				+ this.pid + ")";
	}

	/**
	 * A heavyweight lock, as {@code pg_locks} shows it.
	 *
	 * @param type {@code relation}, {@code transactionid}, {@code tuple}, ...
	 * @param mode {@code AccessShareLock}, {@code ShareLock},
	 * {@code AccessExclusiveLock}, ...
	 * @param object what is locked: a table's name, or {@code transaction 1234} (a row
	 * lock shows as a wait for the transaction that holds the row)
	 */
	public record Lock(String type, String mode, String object) {

		/**
		 * @return the lock for a person, e.g. {@code AccessShareLock on lab.product}
		 */
		public String describe() {
			return this.mode + " on " + this.object;
		}

	}

}
