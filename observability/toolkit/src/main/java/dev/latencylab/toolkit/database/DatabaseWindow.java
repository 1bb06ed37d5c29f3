package dev.latencylab.toolkit.database;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What PostgreSQL said about itself during a diagnosed window: its sessions sampled every
 * second (an active session history), and its statements' counters over the window and
 * before it.
 *
 * @param available whether the database could be read at all
 * @param problem why not, when it could not
 * @param samples the samples of its sessions in the window
 * @param interval the time between two samples: a session seen in a sample stands for
 * this much of its time
 * @param statements per statement, its counters' growth over the window, most time first
 * @param baseline per statement ({@code database|queryid}), its counters' growth over the
 * stretch before the window
 */
public record DatabaseWindow(boolean available, String problem, List<ActivitySample> samples, Duration interval,
		List<StatementStats> statements, Map<String, StatementStats> baseline) {

	/**
	 * @param why why the database says nothing
	 * @return a window without evidence
	 */
	public static DatabaseWindow unavailable(String why) {
		return new DatabaseWindow(false, why, List.of(), Duration.ofSeconds(1), List.of(), Map.of());
	}

	/**
	 * @param application a client's {@code application_name}
	 * @return where that client's sessions spent their time in the window
	 */
	public Activity activityOf(String application) {
		double step = this.interval.toMillis() / 1000.0;
		Map<String, Double> working = new LinkedHashMap<>();
		Map<String, Double> waits = new LinkedHashMap<>();
		double locked = 0;
		double idleInTransaction = 0;
		double longestTransaction = 0;
		for (ActivitySample sample : this.samples) {
			for (Session session : sample.sessions()) {
				if (!session.application().equals(application)) {
					continue;
				}
				longestTransaction = Math.max(longestTransaction, session.transactionSeconds());
				if (session.idleInTransaction()) {
					idleInTransaction += step;
				}
				else if (session.waitsForLock()) {
					locked += step;
				}
				else if (session.isActive() && !"Client".equals(session.waitEventType())) {
					working.merge(session.query(), step, Double::sum);
					waits.merge(session.waitEventType().isEmpty() ? "CPU" : session.waitEventType(), step, Double::sum);
				}
			}
		}
		return new Activity(application, locked, sorted(working), sorted(waits), idleInTransaction, longestTransaction);
	}

	/**
	 * @param application a client's {@code application_name}
	 * @return every other client that ran statements in the window, the one that ran them
	 * longest first
	 */
	public List<Activity> othersWorking(String application) {
		return this.samples.stream()
			.flatMap((sample) -> sample.sessions().stream())
			.map(Session::application)
			.filter((other) -> !other.equals(application))
			.distinct()
			.map(this::activityOf)
			.filter((activity) -> activity.totalWorkingSeconds() > 0)
			.sorted(Comparator.comparingDouble(Activity::totalWorkingSeconds).reversed())
			.toList();
	}

	/**
	 * @param application a client's {@code application_name}
	 * @return that client's waits for locks in the window, grouped by the lock and the
	 * session at the root of the blocking tree, longest first
	 */
	public List<LockWait> lockWaits(String application) {
		return lockWaits(application::equals);
	}

	/**
	 * @return every client's waits for locks in the window, grouped by the lock and the
	 * session at the root of the blocking tree, longest first
	 */
	public List<LockWait> lockWaits() {
		return lockWaits((application) -> true);
	}

	private List<LockWait> lockWaits(Predicate<String> application) {
		double step = this.interval.toMillis() / 1000.0;
		Map<String, LockWait> waits = new LinkedHashMap<>();
		for (ActivitySample sample : this.samples) {
			Map<Integer, Session> byPid = sample.sessions()
				.stream()
				.collect(Collectors.toMap(Session::pid, Function.identity(), (a, b) -> a));
			Map<String, Integer> waitersNow = new LinkedHashMap<>();
			for (Session session : sample.sessions()) {
				if (!application.test(session.application()) || !session.waitsForLock()) {
					continue;
				}
				List<Session> path = blockers(session, byPid);
				Optional<Session> root = path.isEmpty() ? Optional.empty() : Optional.of(path.get(path.size() - 1));
				Session.Lock wanted = session.waitsFor().orElse(new Session.Lock("", "a lock", "an unknown object"));
				String key = session.application() + "|" + wanted.describe() + "|" + root.map(Session::pid).orElse(-1);
				waitersNow.merge(key, 1, Integer::sum);
				LockWait earlier = waits.get(key);
				LockWait now = new LockWait(wanted, session.application(), session.query(),
						root.map(Session::client).orElse("pid " + session.blockedBy()),
						root.map(Session::state).orElse(""), root.map(Session::query).orElse(""),
						root.map(Session::transactionSeconds).orElse(0.0), root.map(Session::holds).orElse(List.of()),
						path.size(), step, 1, session.querySeconds());
				waits.put(key, (earlier == null) ? now : earlier.and(now));
			}
			waitersNow.forEach((key, count) -> waits.computeIfPresent(key, (k, wait) -> wait.withWaiters(count)));
		}
		return waits.values().stream().sorted(Comparator.comparingDouble(LockWait::waitedSeconds).reversed()).toList();
	}

	/**
	 * @param query a statement as {@code pg_stat_activity} shows it
	 * @return its counters over the window, when {@code pg_stat_statements} has it
	 */
	public Optional<StatementStats> statement(String query) {
		String wanted = normalize(query);
		return this.statements.stream().filter((stats) -> normalize(stats.query()).equals(wanted)).findFirst();
	}

	/**
	 * @param statement a statement's counters over the window
	 * @return the same statement's counters before the window, if it ran then
	 */
	public Optional<StatementStats> before(StatementStats statement) {
		return Optional.ofNullable(this.baseline.get(statement.key()));
	}

	/**
	 * @param query a statement as {@code pg_stat_activity} showed it
	 * @return the database a session ran it in
	 */
	public Optional<String> databaseOf(String query) {
		return this.samples.stream()
			.flatMap((sample) -> sample.sessions().stream())
			.filter((session) -> session.query().equals(query))
			.map(Session::database)
			.findFirst();
	}

	/**
	 * @return how many samples the window holds
	 */
	public int sampleCount() {
		return this.samples.size();
	}

	/**
	 * Walks the blocking tree from a waiter to the session at its root (the first blocker
	 * each time), as far as the sample shows it.
	 * @return the path from the waiter's first blocker to the root, empty when no blocker
	 * was in the sample
	 */
	private static List<Session> blockers(Session waiter, Map<Integer, Session> byPid) {
		List<Session> path = new ArrayList<>();
		Set<Integer> seen = new HashSet<>(List.of(waiter.pid()));
		Session current = waiter;
		while (!current.blockedBy().isEmpty()) {
			Session next = byPid.get(current.blockedBy().get(0));
			if (next == null || !seen.add(next.pid())) {
				break;
			}
			path.add(next);
			current = next;
		}
		return path;
	}

	/**
	 * @return a statement's text with parameters, literals and white space made alike:
	 * {@code pg_stat_statements} writes {@code $1} where a client sent {@code ?}
	 */
	static String normalize(String query) {
		return query.replaceAll("\\$\\d+|\\?|'[^']*'|\\b\\d+\\b", "?")
			.replaceAll("\\s+", " ")
			.strip()
			.toLowerCase(Locale.ROOT);
	}

	private static Map<String, Double> sorted(Map<String, Double> seconds) {
		return seconds.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
			.collect(LinkedHashMap::new, (map, entry) -> map.put(entry.getKey(), entry.getValue()), Map::putAll);
	}

	/**
	 * Where one client's sessions spent their time in the window, from the samples.
	 *
	 * @param application the client
	 * @param lockSeconds session-seconds waiting for heavyweight locks
	 * @param workingSeconds per statement, session-seconds running it without waiting for
	 * a lock (on a CPU, reading, ...), most first
	 * @param workingWaits the same time by what it waited for ({@code CPU} when nothing)
	 * @param idleInTransactionSeconds session-seconds in an open transaction without a
	 * statement running: the client held its connection and did something else
	 * @param longestTransactionSeconds the oldest transaction seen
	 */
	public record Activity(String application, double lockSeconds, Map<String, Double> workingSeconds,
			Map<String, Double> workingWaits, double idleInTransactionSeconds, double longestTransactionSeconds) {

		/**
		 * @return session-seconds running statements, all of them
		 */
		public double totalWorkingSeconds() {
			return this.workingSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
		}

		/**
		 * @return the statement that ran longest, if any ran in a sample
		 */
		public Optional<Map.Entry<String, Double>> topStatement() {
			return this.workingSeconds.entrySet().stream().findFirst();
		}

		/**
		 * @param statement a statement as a client or a trace wrote it ({@code ?} or
		 * {@code $1} for its parameters, literals as sent or replaced)
		 * @return the statement of the same normalized text with its session-seconds, if
		 * it ran in a sample
		 */
		public Optional<Map.Entry<String, Double>> statement(String statement) {
			String wanted = normalize(statement);
			return this.workingSeconds.entrySet()
				.stream()
				.filter((working) -> normalize(working.getKey()).equals(wanted))
				.findFirst();
		}

	}

	/**
	 * Waits for one lock, held by one session (the root of the blocking tree), in the
	 * window.
	 *
	 * @param wanted the lock the waiters asked for
	 * @param waiter the waiting client's application
	 * @param waiterStatement what a waiter was running
	 * @param blocker the session at the root of the blocking tree
	 * @param blockerState its state ({@code idle in transaction}: it holds the lock and
	 * does nothing in the database)
	 * @param blockerStatement its statement (the last one, when idle)
	 * @param blockerTransactionSeconds how long its transaction had been open, at most
	 * @param held the locks it held that the waiters wanted (or, for a row lock, the
	 * tables it locked rows of)
	 * @param chain how many sessions stand between a waiter and the root
	 * @param waitedSeconds session-seconds waited
	 * @param waiters the most sessions waiting at once
	 * @param longestWaitSeconds the longest a waiter was seen waiting
	 */
	public record LockWait(Session.Lock wanted, String waiter, String waiterStatement, String blocker,
			String blockerState, String blockerStatement, double blockerTransactionSeconds, List<Session.Lock> held,
			int chain, double waitedSeconds, int waiters, double longestWaitSeconds) {

		LockWait and(LockWait other) {
			List<Session.Lock> locks = new ArrayList<>(this.held);
			other.held.stream().filter((lock) -> !locks.contains(lock)).forEach(locks::add);
			return new LockWait(this.wanted, this.waiter, this.waiterStatement, this.blocker, other.blockerState,
					other.blockerStatement.isEmpty() ? this.blockerStatement : other.blockerStatement,
					Math.max(this.blockerTransactionSeconds, other.blockerTransactionSeconds), List.copyOf(locks),
					Math.max(this.chain, other.chain), this.waitedSeconds + other.waitedSeconds, this.waiters,
					Math.max(this.longestWaitSeconds, other.longestWaitSeconds));
		}

		LockWait withWaiters(int now) {
			return new LockWait(this.wanted, this.waiter, this.waiterStatement, this.blocker, this.blockerState,
					this.blockerStatement, this.blockerTransactionSeconds, this.held, this.chain, this.waitedSeconds,
					Math.max(this.waiters, now), this.longestWaitSeconds);
		}

		/**
		 * @return the lock and its holder for a person
		 */
		public String describe() {
			String heldAs = this.held.isEmpty() ? "" : " (it holds "
					+ this.held.stream().map(Session.Lock::describe).collect(Collectors.joining(", ")) + ")";
			return "%s, held by %s, %s, its transaction open %.1f s%s: %s".formatted(this.wanted.describe(),
					this.blocker, this.blockerState, this.blockerTransactionSeconds, heldAs, this.blockerStatement);
		}

	}

}
