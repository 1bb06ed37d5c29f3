package dev.latencylab.toolkit.diagnosis;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.latencylab.toolkit.database.DatabaseWindow;
import dev.latencylab.toolkit.database.DatabaseWindow.LockWait;
import dev.latencylab.toolkit.profiles.CollapsedStacks.FrameGain;
import dev.latencylab.toolkit.reports.Verdict;
import dev.latencylab.toolkit.traces.TraceFindings.Culprit;

import static dev.latencylab.toolkit.diagnosis.DiagnosisRules.DATABASE_SECONDS;
import static dev.latencylab.toolkit.diagnosis.Verdicts.confidence;
import static dev.latencylab.toolkit.diagnosis.Verdicts.frameEvidence;
import static dev.latencylab.toolkit.diagnosis.Verdicts.verdict;

/**
 * What PostgreSQL's own views say about a suspect whose slow requests wait for a
 * statement: a lock wait and whose lock, another client's work, the statement's own work,
 * or connections held idle in open transactions.
 */
final class DatabaseRule {

	private DatabaseRule() {
	}

	/**
	 * The slow requests wait for a statement: only PostgreSQL can tell whether it waits
	 * for a lock (and whose) or works (and on what plan).
	 * @param frame where the suspect's profile waits for PostgreSQL, if it does
	 */
	static Verdict inDatabase(String service, Culprit c, DatabaseWindow database, Optional<FrameGain> frame,
			List<Verdict.Evidence> evidence) {
		Optional<Culprit> culprit = Optional.of(c);
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
		// the statement the slow requests' traces wait for, as PostgreSQL saw it work: a
		// busier one of the same service (a background job's) is not what they wait for
		Optional<Map.Entry<String, Double>> requests = Optional.ofNullable(c.statement()).flatMap(activity::statement);
		// another client's statements held the database's CPU and disks while the
		// suspect's own did no more work per call than before: they wait their turn
		Optional<DatabaseWindow.Activity> other = database.othersWorking(service)
			.stream()
			.findFirst()
			.filter((busiest) -> busiest.totalWorkingSeconds() >= DATABASE_SECONDS
					&& busiest.totalWorkingSeconds() >= 2 * working
					&& !moreWorkPerCall(database, requests.or(() -> top)));
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
		Optional<Map.Entry<String, Double>> theirs = requests
			.filter((statement) -> statement.getValue() >= DATABASE_SECONDS);
		Optional<Map.Entry<String, Double>> named = theirs
			.or(() -> top.filter((statement) -> statement.getValue() >= 0.5 * working));
		if (working >= DATABASE_SECONDS && named.isPresent()) {
			String statement = named.get().getKey();
			evidence.add(new Verdict.Evidence("database", "cause", sampled));
			evidence.add(new Verdict.Evidence("database", "culprit",
					"%s %.0f of those %.0f session-seconds, working, not waiting for a lock: %s"
						.formatted(theirs.isPresent() ? "the statement the slow requests wait for holds"
								: "one statement holds", named.get().getValue(), working, statement)));
			top.filter((busiest) -> theirs.isPresent() && !busiest.getKey().equals(statement))
				.ifPresent((busiest) -> evidence.add(new Verdict.Evidence("database", "culprit",
						"busier but not in the slow requests' traces, %.0f session-seconds: %s"
							.formatted(busiest.getValue(), busiest.getKey()))));
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
							named.get().getValue(), statement),
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
	private static boolean moreWorkPerCall(DatabaseWindow database, Optional<Map.Entry<String, Double>> statement) {
		return statement.flatMap((working) -> database.statement(working.getKey()))
			.flatMap((stats) -> database.before(stats)
				.map((before) -> stats.blocksPerCall() >= 2 * Math.max(1, before.blocksPerCall())))
			.orElse(false);
	}

	/**
	 * @return the database's evidence that the service held its connections in open
	 * transactions while it did something else (a remote call, waiting for a monitor),
	 * when the samples show enough of it
	 */
	static Optional<Verdict.Evidence> heldIdle(String service, DatabaseWindow.Activity activity) {
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

}
