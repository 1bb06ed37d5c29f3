package dev.latencylab.toolkit.database;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.latencylab.toolkit.ToolkitProperties;

/**
 * Asks PostgreSQL about itself, all the time, the way an active session history does:
 * every second which client sessions run what and what they wait for (with the blocking
 * tree of every lock wait), and every few seconds the counters of
 * {@code pg_stat_statements}. It keeps the last minutes, so that a diagnosis of a window
 * that already passed reads what the database said during it.
 */
public class DatabaseSampler implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseSampler.class);

	/** The name the toolkit's own session shows in {@code pg_stat_activity}. */
	static final String APPLICATION_NAME = "latency-lab-toolkit";

	private static final String ACTIVITY = """
			SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.datname, ''), coalesce(a.state, ''),
			       coalesce(a.wait_event_type, ''), coalesce(a.wait_event, ''), left(coalesce(a.query, ''), 2000),
			       coalesce(extract(epoch FROM clock_timestamp() - a.query_start), 0),
			       coalesce(extract(epoch FROM clock_timestamp() - a.xact_start), 0),
			       CASE WHEN a.wait_event_type = 'Lock' THEN pg_blocking_pids(a.pid) END
			FROM pg_stat_activity a
			WHERE a.backend_type = 'client backend' AND a.pid <> pg_backend_pid() AND a.state <> 'idle'
			""";

	/**
	 * The locks of some sessions: a table's name resolves only in the database the
	 * toolkit is connected to, elsewhere it shows as its oid.
	 */
	private static final String LOCKS = """
			SELECT l.pid, l.locktype, l.mode, l.granted,
			       CASE WHEN l.relation IS NULL THEN NULL
			            WHEN l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
			                THEN l.relation::regclass::text
			            ELSE 'relation ' || l.relation END,
			       l.transactionid::text, l.page, l.tuple
			FROM pg_locks l
			WHERE l.pid = ANY (?)
			""";

	private static final String STATEMENTS = """
			SELECT s.queryid, d.datname, left(s.query, 2000), s.calls, s.total_exec_time, s.rows,
			       s.shared_blks_hit, s.shared_blks_read
			FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
			WHERE s.queryid IS NOT NULL
			""";

	private final ToolkitProperties.Database settings;

	private final Clock clock;

	private final Deque<ActivitySample> activity = new ConcurrentLinkedDeque<>();

	private final Deque<Snapshot> statements = new ConcurrentLinkedDeque<>();

	private Connection connection;

	private Instant lastStatements = Instant.EPOCH;

	private volatile String problem = "";

	/**
	 * @param settings where the database is and how often it is asked
	 * @param clock the time
	 */
	public DatabaseSampler(ToolkitProperties.Database settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * @return whether a database is configured at all
	 */
	public boolean isConfigured() {
		return this.settings != null && this.settings.url() != null && !this.settings.url().isBlank();
	}

	/**
	 * Takes one sample (and a snapshot of the statements' counters when one is due).
	 * Failures are kept for {@link #window} to report, never thrown: the database may be
	 * the part that is down.
	 */
	public synchronized void sample() {
		if (!isConfigured()) {
			return;
		}
		Instant now = this.clock.instant();
		try {
			Connection db = connection();
			this.activity.addLast(new ActivitySample(now, sessions(db)));
			if (!now.isBefore(this.lastStatements.plus(this.settings.statementsInterval()))) {
				this.lastStatements = now;
				this.statements.addLast(new Snapshot(now, statements(db)));
			}
			this.problem = "";
		}
		catch (SQLException ex) {
			if (!ex.getMessage().equals(this.problem)) {
				logger.warn("PostgreSQL could not be sampled: {}", ex.getMessage());
			}
			this.problem = ex.getMessage();
			closeConnection();
		}
		Instant oldest = now.minus(this.settings.keep());
		while (!this.activity.isEmpty() && this.activity.peekFirst().at().isBefore(oldest)) {
			this.activity.pollFirst();
		}
		while (this.statements.size() > 1 && this.statements.peekFirst().at().isBefore(oldest)) {
			this.statements.pollFirst();
		}
	}

	/**
	 * What the database said during a window, and its statements' counters before it.
	 * @param from the window's start
	 * @param to the window's end
	 * @param baseline how long a stretch before the window the statements are compared
	 * with
	 * @return the window
	 */
	public DatabaseWindow window(Instant from, Instant to, Duration baseline) {
		if (!isConfigured()) {
			return DatabaseWindow.unavailable("no database is configured (toolkit.database.url)");
		}
		List<ActivitySample> samples = this.activity.stream()
			.filter((sample) -> !sample.at().isBefore(from) && !sample.at().isAfter(to))
			.toList();
		if (samples.isEmpty()) {
			return DatabaseWindow.unavailable(this.problem.isEmpty() ? "no sample of PostgreSQL in the window"
					: "PostgreSQL could not be sampled: " + this.problem);
		}
		List<Snapshot> snapshots = List.copyOf(this.statements);
		Optional<Snapshot> start = atOrBefore(snapshots, from).or(() -> snapshots.stream().findFirst());
		Optional<Snapshot> end = atOrBefore(snapshots, to);
		Optional<Snapshot> earlier = atOrBefore(snapshots, from.minus(baseline))
			.or(() -> snapshots.stream().findFirst());
		List<StatementStats> during = (start.isPresent() && end.isPresent())
				? growth(start.get(), end.get()).values().stream().toList() : List.of();
		Map<String, StatementStats> before = (earlier.isPresent() && start.isPresent()
				&& earlier.get().at().isBefore(start.get().at())) ? growth(earlier.get(), start.get()) : Map.of();
		return new DatabaseWindow(true, "", samples, this.settings.sampleInterval(), during, before);
	}

	/**
	 * The plan PostgreSQL makes for a statement, whatever its parameters (a generic
	 * plan): {@code EXPLAIN} only, the statement is never run. A table that is locked
	 * exclusively cannot be planned; the answer then says so.
	 * @param database the database the statement runs in
	 * @param statement the statement as PostgreSQL shows it, with {@code $1}-style
	 * parameters
	 * @return the plan's lines, or why there is none
	 */
	public String plan(String database, String statement) {
		if (!isConfigured()) {
			return "";
		}
		String url = this.settings.url().replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
		try (Connection db = open(url)) {
			return QueryPlans.plan(db, statement);
		}
		catch (SQLException ex) {
			return "No plan: " + ex.getMessage();
		}
	}

	@Override
	public synchronized void close() {
		closeConnection();
	}

	private List<Session> sessions(Connection db) throws SQLException {
		List<Row> rows = new ArrayList<>();
		try (Statement sql = db.createStatement(); ResultSet result = sql.executeQuery(ACTIVITY)) {
			while (result.next()) {
				Array blockers = result.getArray(10);
				List<Integer> blockedBy = (blockers != null) ? List.of((Integer[]) blockers.getArray()) : List.of();
				rows.add(new Row(result.getInt(1), result.getString(2), result.getString(3), result.getString(4),
						result.getString(5), result.getString(6), result.getString(7), result.getDouble(8),
						result.getDouble(9), blockedBy));
			}
		}
		Set<Integer> involved = new LinkedHashSet<>();
		rows.stream().filter((row) -> !row.blockedBy().isEmpty()).forEach((row) -> {
			involved.add(row.pid());
			involved.addAll(row.blockedBy());
		});
		Map<Integer, List<LockRow>> locks = involved.isEmpty() ? Map.of() : locks(db, involved);
		return rows.stream().map((row) -> row.toSession(locks, rows)).toList();
	}

	private Map<Integer, List<LockRow>> locks(Connection db, Collection<Integer> pids) throws SQLException {
		Map<Integer, List<LockRow>> locks = new HashMap<>();
		try (PreparedStatement sql = db.prepareStatement(LOCKS)) {
			sql.setArray(1, db.createArrayOf("int4", pids.toArray()));
			try (ResultSet result = sql.executeQuery()) {
				while (result.next()) {
					String relation = result.getString(5);
					String transaction = result.getString(6);
					String object = (relation != null) ? relation
							: (transaction != null) ? "transaction " + transaction : result.getString(2);
					if (relation != null && result.getObject(7) != null) {
						object = "a row of " + relation;
					}
					locks.computeIfAbsent(result.getInt(1), (pid) -> new ArrayList<>())
						.add(new LockRow(new Session.Lock(result.getString(2), result.getString(3), object),
								result.getBoolean(4), relation));
				}
			}
		}
		return locks;
	}

	private static Map<String, StatementStats> statements(Connection db) throws SQLException {
		Map<String, StatementStats> stats = new LinkedHashMap<>();
		try (Statement sql = db.createStatement(); ResultSet result = sql.executeQuery(STATEMENTS)) {
			while (result.next()) {
				StatementStats statement = new StatementStats(result.getLong(1), result.getString(2),
						result.getString(3), result.getLong(4), result.getDouble(5), result.getLong(6),
						result.getLong(7), result.getLong(8));
				stats.merge(statement.key(), statement,
						(a, b) -> new StatementStats(a.queryId(), a.database(), a.query(), a.calls() + b.calls(),
								a.totalMillis() + b.totalMillis(), a.rows() + b.rows(), a.blocksHit() + b.blocksHit(),
								a.blocksRead() + b.blocksRead()));
			}
		}
		catch (SQLException ex) {
			if (QueryPlans.UNDEFINED_TABLE.equals(ex.getSQLState())) {
				// not installed in this database: the samples of activity still count
				return Map.of();
			}
			throw ex;
		}
		return stats;
	}

	private static Optional<Snapshot> atOrBefore(List<Snapshot> snapshots, Instant at) {
		return snapshots.stream().filter((snapshot) -> !snapshot.at().isAfter(at)).reduce((a, b) -> b);
	}

	private static Map<String, StatementStats> growth(Snapshot from, Snapshot to) {
		Map<String, StatementStats> growth = new LinkedHashMap<>();
		to.statements().forEach((key, now) -> {
			StatementStats grown = Optional.ofNullable(from.statements().get(key)).map(now::minus).orElse(now);
			if (grown.calls() > 0) {
				growth.put(key, grown);
			}
		});
		return growth.entrySet()
			.stream()
			.sorted(Comparator.comparingDouble((Map.Entry<String, StatementStats> e) -> e.getValue().totalMillis())
				.reversed())
			.collect(LinkedHashMap::new, (map, e) -> map.put(e.getKey(), e.getValue()), Map::putAll);
	}

	private Connection connection() throws SQLException {
		if (this.connection == null || this.connection.isClosed()) {
			this.connection = open(this.settings.url());
			try (Statement sql = this.connection.createStatement()) {
				sql.execute("SET statement_timeout = '2s'");
			}
		}
		return this.connection;
	}

	private Connection open(String url) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", this.settings.username());
		properties.setProperty("password", this.settings.password());
		properties.setProperty("ApplicationName", APPLICATION_NAME);
		properties.setProperty("connectTimeout", "2");
		properties.setProperty("socketTimeout", "5");
		return DriverManager.getConnection(url, properties);
	}

	private void closeConnection() {
		if (this.connection != null) {
			try {
				this.connection.close();
			}
			catch (SQLException ex) {
				// it is being thrown away
			}
			this.connection = null;
		}
	}

	private record Snapshot(Instant at, Map<String, StatementStats> statements) {
	}

	private record LockRow(Session.Lock lock, boolean granted, String relation) {
	}

	private record Row(int pid, String application, String database, String state, String waitEventType,
			String waitEvent, String query, double querySeconds, double transactionSeconds, List<Integer> blockedBy) {

		Session toSession(Map<Integer, List<LockRow>> locks, List<Row> all) {
			List<LockRow> own = locks.getOrDefault(this.pid, List.of());
			Optional<LockRow> wanted = own.stream().filter((lock) -> !lock.granted()).findFirst();
			// what this session holds that one of its waiters wants: the same object
			List<Session.Lock> holds = new ArrayList<>();
			for (Row waiter : all) {
				if (!waiter.blockedBy().contains(this.pid)) {
					continue;
				}
				locks.getOrDefault(waiter.pid(), List.of())
					.stream()
					.filter((lock) -> !lock.granted())
					.forEach((want) -> own.stream()
						.filter((have) -> have.granted() && have.lock().object().equals(want.lock().object()))
						.map(LockRow::lock)
						.filter((lock) -> !holds.contains(lock))
						.forEach(holds::add));
			}
			if (!holds.isEmpty() && holds.stream().allMatch((lock) -> lock.type().equals("transactionid"))) {
				// a row lock: the waiter waits for the holder's transaction; name the
				// tables the holder changed or locked rows of
				own.stream()
					.filter((have) -> have.granted() && have.relation() != null
							&& (have.lock().mode().startsWith("Row") || have.lock().mode().contains("Exclusive")))
					.map(LockRow::lock)
					.filter((lock) -> !holds.contains(lock))
					.forEach(holds::add);
			}
			return new Session(this.pid, this.application, this.database, this.state, this.waitEventType,
					this.waitEvent, this.query, this.querySeconds, this.transactionSeconds, this.blockedBy,
					wanted.map(LockRow::lock), List.copyOf(holds));
		}

	}

}
