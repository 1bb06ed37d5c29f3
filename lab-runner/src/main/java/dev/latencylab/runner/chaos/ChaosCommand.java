package dev.latencylab.runner.chaos;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.latencylab.kit.Scenario;
import dev.latencylab.runner.CheckoutTraffic;
import dev.latencylab.runner.LabException;
import dev.latencylab.runner.LabService;
import dev.latencylab.runner.LabState;
import dev.latencylab.runner.audit.Audit;
import dev.latencylab.runner.audit.AuditCommand;
import dev.latencylab.runner.audit.Finding;
import dev.latencylab.runner.flags.Switches;
import dev.latencylab.runner.lifecycle.Status;

/**
 * {@code ./lab chaos}: steady load through the gateway while a seeded plan kills the
 * gateway and the services with {@code kill -9}, shuts PostgreSQL down at once and
 * switches scenarios on; the lab's supervisor starts what died again. Then it waits until
 * the lab has recovered (every part healthy, no checkout left in a step) and audits the
 * data.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
		description = { "Steady load while, from a seed, services and the gateway are killed with kill -9,",
				"PostgreSQL is shut down at once and scenarios are switched on; the supervisor starts",
				"what died again. Then it waits for recovery and runs ./lab audit.",
				"Exit status: 0 recovered and the audit is clean, 1 not, 3 the lab is not running." },
		footer = { "", "The same seed makes the same run: ./lab chaos --minutes 10 --seed 7" })
public class ChaosCommand implements Callable<Integer> {

	private static final String POSTGRESQL = "postgresql";

	@Option(names = "--minutes", defaultValue = "5", description = "how long, 1 to 60 (default ${DEFAULT-VALUE})")
	int minutes;

	@Option(names = "--seed", description = "the plan's seed (default: a new one, printed)")
	Long seed;

	@Option(names = "--rate", defaultValue = "4", description = "checkouts a second (default ${DEFAULT-VALUE})")
	double rate;

	@Option(names = "--recover-within", defaultValue = "180",
			description = "seconds the lab has to recover after the run (default ${DEFAULT-VALUE})")
	int recoverWithin;

	private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();

	private final Map<String, List<Long>> backAfter = new ConcurrentHashMap<>();

	@Override
	public Integer call() throws Exception {
		LabState state = LabState.current();
		if (!state.isRunning()) {
			System.out.println("lab: not running (./lab up starts it)");
			return 3;
		}
		long planSeed = (this.seed != null) ? this.seed : ThreadLocalRandom.current().nextLong(1, 1_000_000);
		List<String> parts = Arrays.stream(LabService.values()).map(LabService::serviceName).toList();
		List<String> scenarios = Arrays.stream(Scenario.values()).map(Scenario::flag).toList();
		ChaosPlan plan;
		try {
			plan = ChaosPlan.of(planSeed, Duration.ofMinutes(this.minutes), parts, scenarios);
		}
		catch (IllegalArgumentException ex) {
			throw new LabException(ex.getMessage());
		}
		String jdbcUrl = state.url(POSTGRESQL);
		System.out.printf("chaos: %d min, seed %d, %.0f checkouts/s through %s; the plan:%n", this.minutes, planSeed,
				this.rate, state.url("gateway"));
		plan.steps().forEach((step) -> System.out.println("  " + step));
		Instant start = Instant.now();
		ExecutorService background = Executors.newCachedThreadPool();
		Set<String> switched = ConcurrentHashMap.newKeySet();
		List<Future<?>> watches = new ArrayList<>();
		try (CheckoutTraffic traffic = new CheckoutTraffic(state.url("gateway"), this.rate, 10, 40, this::answered)) {
			traffic.start();
			for (ChaosPlan.Step step : plan.steps()) {
				sleepUntil(start.plus(step.at()));
				System.out.println("chaos: " + step + " (checkouts so far: " + answersSoFar() + ")");
				switch (step.action()) {
					case KILL -> {
						kill(state, step.target());
						watches.add(background
							.submit(() -> awaitBack(step.target(), () -> Status.isUp(state, step.target()))));
					}
					case RESTART_POSTGRES -> {
						shutDownAtOnce(state);
						watches.add(background.submit(() -> awaitBack(POSTGRESQL, () -> connects(jdbcUrl))));
					}
					case SCENARIO -> watches.add(background.submit(() -> {
						switched.add(step.target());
						flag(state, step.target(), "on");
						pause(start.plus(step.at()).plus(ChaosPlan.SCENARIO_FOR));
						flag(state, step.target(), "off");
						switched.remove(step.target());
					}));
				}
			}
			sleepUntil(start.plus(plan.length()));
			System.out.println("chaos: the run is over; stopping the load");
		}
		for (String flag : switched) {
			flag(state, flag, "off");
		}
		long recovering = System.nanoTime();
		boolean recovered = awaitRecovered(state, jdbcUrl, watches);
		long recoveredIn = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - recovering);
		background.shutdownNow();
		System.out.println(recovered ? "chaos: recovered " + recoveredIn + " s after the run"
				: "chaos: NOT recovered within " + this.recoverWithin + " s after the run");
		summarize(plan, jdbcUrl, start);
		List<Finding> findings = Audit.run(jdbcUrl, "postgres", "postgres");
		boolean clean = AuditCommand.print(findings, jdbcUrl, System.out);
		return (recovered && clean) ? 0 : 1;
	}

	private Map<String, Long> answersSoFar() {
		Map<String, Long> sent = new TreeMap<>();
		this.answers.forEach((kind, count) -> sent.put(kind, count.sum()));
		return sent;
	}

	private void answered(CheckoutTraffic.Checkout checkout) {
		String kind = (checkout.status() == 0) ? "no answer" : (checkout.status() / 100) + "xx";
		this.answers.computeIfAbsent(kind, (key) -> new LongAdder()).increment();
	}

	private static void kill(LabState state, String part) {
		ProcessHandle process = pid(state, part).flatMap(ProcessHandle::of)
			.orElseThrow(() -> new LabException(part + " is not running: no process to kill"));
		// SIGKILL: no shutdown hook, no graceful end of the requests in flight
		process.destroyForcibly();
	}

	/**
	 * SIGQUIT to the postmaster: PostgreSQL's immediate shutdown, which writes no
	 * checkpoint, so the next start replays the write-ahead log as after a crash.
	 */
	private static void shutDownAtOnce(LabState state) throws IOException, InterruptedException {
		long postmaster = pid(state, POSTGRESQL)
			.orElseThrow(() -> new LabException("PostgreSQL is not running: no postmaster to shut down"));
		Process kill = new ProcessBuilder("kill", "-QUIT", Long.toString(postmaster)).inheritIO().start();
		if (kill.waitFor() != 0) {
			throw new LabException("kill -QUIT " + postmaster + " failed");
		}
	}

	private static Optional<Long> pid(LabState state, String part) {
		return LabState.records(state.pidsFile())
			.stream()
			.filter((record) -> record.name().equals(part))
			.map(LabState.Record::pid)
			.findFirst();
	}

	private Void awaitBack(String part, Callable<Boolean> check) throws Exception {
		long from = System.nanoTime();
		// the killed process may still answer for a moment, and a new one takes seconds
		TimeUnit.SECONDS.sleep(2);
		while (!check.call()) {
			TimeUnit.SECONDS.sleep(1);
		}
		long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - from);
		this.backAfter.computeIfAbsent(part, (key) -> new CopyOnWriteArrayList<>()).add(seconds);
		System.out.println("chaos: " + part + " healthy again after " + seconds + " s");
		return null;
	}

	private static boolean connects(String jdbcUrl) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
			return connection.isValid(2);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	private static void flag(LabState state, String flag, String variant) {
		try {
			Switches.apply(state, flag, new Switches.Change(variant, null), quiet());
			System.out.println("chaos: " + flag + " " + variant);
		}
		catch (RuntimeException ex) {
			System.out.println(
					"chaos: " + flag + " " + variant + " not confirmed by every service (" + ex.getMessage() + ")");
		}
	}

	/**
	 * Every part healthy, the watches of what the run broke done, no checkout left in a
	 * step of the saga and no failed order's late authorization still to void: the
	 * recovery job ended each one.
	 */
	private boolean awaitRecovered(LabState state, String jdbcUrl, List<Future<?>> watches)
			throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(this.recoverWithin);
		long shown = 0;
		while (System.nanoTime() < deadline) {
			boolean watched = watches.stream().allMatch(Future::isDone);
			boolean healthy = Arrays.stream(LabService.values())
				.allMatch((service) -> Status.isUp(state, service.serviceName()));
			long unfinished = unfinishedOrders(jdbcUrl);
			if (watched && healthy && unfinished == 0) {
				return true;
			}
			if (System.nanoTime() - shown > TimeUnit.SECONDS.toNanos(15)) {
				shown = System.nanoTime();
				System.out.printf(
						"chaos: recovering: %s, %s orders in a step of the saga or with an authorization to void%n",
						healthy ? "every service healthy" : "services still starting",
						(unfinished < 0) ? "PostgreSQL down," : Long.toString(unfinished));
			}
			TimeUnit.SECONDS.sleep(2);
		}
		return false;
	}

	private static long unfinishedOrders(String jdbcUrl) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
				Statement sql = connection.createStatement();
				ResultSet count = sql.executeQuery("SELECT count(*) FROM checkout.customer_order "
						+ "WHERE status NOT IN ('CONFIRMED', 'FAILED') OR void_authorizations_after IS NOT NULL")) {
			count.next();
			return count.getLong(1);
		}
		catch (SQLException ex) {
			return -1;
		}
	}

	private void summarize(ChaosPlan plan, String jdbcUrl, Instant start) throws SQLException {
		System.out.printf("chaos: %d kills, %d PostgreSQL restarts, %d scenarios switched on%n",
				plan.count(ChaosPlan.Action.KILL), plan.count(ChaosPlan.Action.RESTART_POSTGRES),
				plan.count(ChaosPlan.Action.SCENARIO));
		this.backAfter.forEach((part, seconds) -> System.out.printf("  %-18s back after %s s%n", part, seconds));
		Map<String, Long> sent = answersSoFar();
		System.out.println("chaos: checkouts sent " + sent.values().stream().mapToLong(Long::longValue).sum()
				+ ", answers " + sent);
		try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
			System.out.println("chaos: orders by final status " + counts(connection,
					"""
							SELECT status, count(*) FROM checkout.customer_order WHERE created_at >= ? GROUP BY status ORDER BY status
							""",
					start));
			System.out.println("chaos: compensated by the saga " + counts(connection, """
					SELECT 'orders', count(DISTINCT o.id) FROM checkout.customer_order o
					JOIN checkout.order_status_history h ON h.order_id = o.id
					WHERE o.created_at >= ? AND h.status = 'COMPENSATING'
					""", start));
			System.out.println("chaos: ended by the recovery job " + counts(connection, """
					SELECT CASE o.status WHEN 'CONFIRMED' THEN 'completed' ELSE 'compensated' END, count(*)
					FROM checkout.customer_order o
					WHERE o.created_at >= ? AND EXISTS (SELECT 1 FROM checkout.order_status_history h
					    WHERE h.order_id = o.id AND h.note LIKE 'recovered after an interruption%')
					GROUP BY 1 ORDER BY 1
					""", start));
			System.out.println(
					"chaos: late authorizations of failed orders voided by the recovery job " + counts(connection, """
							SELECT 'orders', count(DISTINCT o.id) FROM checkout.customer_order o
							JOIN checkout.order_status_history h ON h.order_id = o.id
							WHERE o.created_at >= ? AND h.note LIKE 'late authorizations %'
							""", start));
			System.out.println("chaos: failed orders confirmed by the recovery job, payment had captured after all "
					+ counts(connection, """
							SELECT 'orders', count(DISTINCT o.id) FROM checkout.customer_order o
							JOIN checkout.order_status_history h ON h.order_id = o.id
							WHERE o.created_at >= ? AND h.note LIKE 'payment had captured %'
							""", start));
		}
	}

	private static Map<String, Long> counts(Connection connection, String query, Instant since) throws SQLException {
		Map<String, Long> counts = new LinkedHashMap<>();
		try (var statement = connection.prepareStatement(query)) {
			statement.setTimestamp(1, Timestamp.from(since));
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					counts.put(rows.getString(1), rows.getLong(2));
				}
			}
		}
		return counts;
	}

	private static void sleepUntil(Instant moment) throws InterruptedException {
		long millis = Duration.between(Instant.now(), moment).toMillis();
		if (millis > 0) {
			// the plan's clock: the next step is due then
			TimeUnit.MILLISECONDS.sleep(millis);
		}
	}

	private static void pause(Instant until) {
		try {
			sleepUntil(until);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static PrintStream quiet() {
		return new PrintStream(OutputStream.nullOutputStream());
	}

}
