package dev.latencylab.toolkit.diagnosis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.latencylab.toolkit.database.ActivitySample;
import dev.latencylab.toolkit.database.DatabaseWindow;
import dev.latencylab.toolkit.database.Session;
import dev.latencylab.toolkit.database.StatementStats;
import dev.latencylab.toolkit.metrics.PrometheusReader.Signal;
import dev.latencylab.toolkit.metrics.ServiceSignals;
import dev.latencylab.toolkit.profiles.Baseline;
import dev.latencylab.toolkit.profiles.CollapsedStacks;
import dev.latencylab.toolkit.profiles.Profile;
import dev.latencylab.toolkit.reports.Verdict;
import dev.latencylab.toolkit.traces.Span;
import dev.latencylab.toolkit.traces.Trace;
import dev.latencylab.toolkit.traces.TraceBuilder;
import dev.latencylab.toolkit.traces.TraceFindings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules on the evidence each scenario of the catalogue leaves, and on evidence that
 * does not agree.
 */
class DiagnosisRulesTests {

	private final DiagnosisRules rules = new DiagnosisRules("dev.latencylab.", "dev.latencylab.kit.");

	private static final List<Trace> NORMAL = List.of(TraceBuilder.trace("n1", 1_000).checkout(30, 20, 40).build(),
			TraceBuilder.trace("n2", 2_000).checkout(35, 25, 45).build());

	@Test
	void shouldSuspectARarerCauseWhoseFewSlowTracesEachLostSecondsNextToAFrequentOne() {
		// a stall in fraud slows a dozen checkouts at once; a slow statement in inventory
		// two: a ninth of the extra time, but the whole of two slow checkouts
		List<Trace> slow = new ArrayList<>(stalledInFraud(12));
		slow.add(TraceBuilder.trace("i1", 50_000).checkout(3_000, 20, 40).build());
		slow.add(TraceBuilder.trace("i2", 60_000).checkout(3_200, 20, 40).build());

		assertThat(this.rules.suspects(TraceFindings.of(slow, NORMAL))).containsExactly("fraud-service",
				"inventory-service");
	}

	@Test
	void shouldNotSuspectAServiceForASingleSlowTrace() {
		List<Trace> slow = new ArrayList<>(stalledInFraud(12));
		slow.add(TraceBuilder.trace("i1", 50_000).checkout(3_000, 20, 40).build());

		assertThat(this.rules.suspects(TraceFindings.of(slow, NORMAL))).containsExactly("fraud-service");
	}

	private static List<Trace> stalledInFraud(int checkouts) {
		List<Trace> stalled = new ArrayList<>();
		for (int i = 0; i < checkouts; i++) {
			stalled.add(TraceBuilder.trace("f" + i, 10_000 + 300 * i).checkout(30, 4_000 - 200 * (i % 5), 40).build());
		}
		return stalled;
	}

	@Test
	void shouldNameARowLockWaitAndItsHolderFromTheDatabasesBlockingTree() {
		TraceFindings traces = TraceFindings.of(List.of(TraceBuilder.trace("a", 10_000).checkout(6_000, 20, 40).build(),
				TraceBuilder.trace("b", 11_000).checkout(5_000, 20, 40).build()), NORMAL);
		Profile profile = profile("inventory-service", "wall",
				"""
						T.run;dev/latencylab/inventory/reservation/Reservations.reserve;org/postgresql/core/v3/QueryExecutorImpl.execute;sun/nio/ch/Net.poll 400
						T.run;org/apache/tomcat/Poller.run;sun/nio/ch/EPoll.wait 300
						""");
		Session holder = session(99, "inventory-service", "idle in transaction", "",
				"SELECT * FROM lab.product FOR UPDATE", 6.2, List.of(), null,
				List.of(new Session.Lock("transactionid", "ExclusiveLock", "transaction 812"),
						new Session.Lock("relation", "RowShareLock", "lab.product")));
		Session waiter = session(7, "inventory-service", "active", "Lock",
				"UPDATE lab.product SET stock = stock - $1 WHERE sku = $2", 4.0, List.of(99),
				new Session.Lock("transactionid", "ShareLock", "transaction 812"), List.of());

		Verdict verdict = decide(traces, Map.of(), database(5, holder, waiter), profile);

		assertThat(verdict.cause()).isEqualTo("db-lock-wait");
		assertThat(verdict.service()).isEqualTo("inventory-service");
		assertThat(verdict.statement()).isEqualTo("UPDATE lab.product SET stock = stock - $1 WHERE sku = $2");
		assertThat(verdict.blocker()).contains("ShareLock on transaction 812", "inventory-service (pid 99)",
				"idle in transaction", "RowShareLock on lab.product", "SELECT * FROM lab.product FOR UPDATE");
		assertThat(verdict.frame()).isEqualTo("dev.latencylab.inventory.reservation.Reservations.reserve");
		assertThat(verdict.confidence()).isEqualTo("high");
		assertThat(verdict.evidence()).extracting(Verdict.Evidence::source).contains("traces", "database", "profile");
	}

	@Test
	void shouldNameALockWaitOfAPlainSelectWhenAnotherSessionLockedTheTable() {
		Trace slow = TraceBuilder.trace("s", 10_000)
			.span("c", "", "checkout-service", "POST /api/checkout", Span.Kind.SERVER, 0, 5_400)
			.http("ci", "c", "checkout-service", "POST", 5, 5_350)
			.span("i", "ci", "inventory-service", "GET /api/reservations", Span.Kind.SERVER, 6, 5_340)
			.sql("q", "i", "inventory-service", "SELECT * FROM lab.reservation WHERE order_id = ?", 10, 5_330)
			.build();
		Session outside = session(4242, "psql", "idle in transaction", "",
				"LOCK TABLE lab.reservation IN ACCESS EXCLUSIVE MODE", 5.1, List.of(), null,
				List.of(new Session.Lock("relation", "AccessExclusiveLock", "lab.reservation")));
		Session waiter = session(8, "inventory-service", "active", "Lock",
				"SELECT * FROM lab.reservation WHERE order_id = $1", 4.0, List.of(4242),
				new Session.Lock("relation", "AccessShareLock", "lab.reservation"), List.of());

		Verdict verdict = decide(TraceFindings.of(List.of(slow), NORMAL), Map.of(), database(4, outside, waiter), null);

		assertThat(verdict.cause()).isEqualTo("db-lock-wait");
		assertThat(verdict.blocker()).contains("AccessShareLock on lab.reservation", "psql (pid 4242)",
				"AccessExclusiveLock on lab.reservation", "LOCK TABLE lab.reservation IN ACCESS EXCLUSIVE MODE");
		assertThat(verdict.confidence()).isEqualTo("medium");
	}

	@Test
	void shouldNameASlowQueryWhenTheDatabaseSeesOneStatementWorkWithoutWaiting() {
		Trace slow = TraceBuilder.trace("s", 10_000)
			.span("c", "", "checkout-service", "POST /api/checkout", Span.Kind.SERVER, 0, 7_100)
			.http("ci", "c", "checkout-service", "POST", 5, 7_050)
			.span("i", "ci", "inventory-service", "POST /api/reservations", Span.Kind.SERVER, 6, 7_040)
			.sql("q", "i", "inventory-service", "SELECT sum(quantity) FROM lab.stock_movement WHERE sku = ?", 10, 7_030)
			.build();
		String statement = "SELECT sum(quantity) FROM lab.stock_movement WHERE sku = $1";
		Session reading = session(9, "inventory-service", "active", "IO", statement, 3.0, List.of(), null, List.of());
		Session working = session(10, "inventory-service", "active", "", statement, 1.0, List.of(), null, List.of());

		Verdict verdict = decide(TraceFindings.of(List.of(slow), NORMAL), Map.of(), database(4, reading, working),
				null);

		assertThat(verdict.cause()).isEqualTo("slow-query");
		assertThat(verdict.statement()).isEqualTo(statement);
		assertThat(verdict.confidence()).isEqualTo("medium");
		assertThat(verdict.evidence()).extracting(Verdict.Evidence::text)
			.anyMatch((text) -> text.contains("IO 4") && text.contains("CPU 4"));
	}

	@Test
	void shouldNameTheRequestsFrameOfASlowQueryNotABackgroundJobThatTheBusyDatabaseSlowedMore() {
		// a CI run of 2026-12-07: the recount job's statements waited longer than the
		// requests' own slow query, on a database that query kept busy
		Profile profile = profile("inventory-service", "wall",
				"""
						T.run;org/springframework/scheduling/support/ScheduledMethodRunnable.run;dev/latencylab/inventory/stock/StockRecount.count;org/postgresql/core/v3/QueryExecutorImpl.execute;sun/nio/ch/Net.poll 900
						T.run;org/apache/catalina/connector/CoyoteAdapter.service;jakarta/servlet/http/HttpServlet.service;dev/latencylab/inventory/stock/DemandCheck.check;org/postgresql/core/v3/QueryExecutorImpl.execute;sun/nio/ch/Net.poll 600
						T.run;org/apache/tomcat/Poller.run;sun/nio/ch/EPoll.wait 300
						""");

		Verdict verdict = decide(slowSelect(), Map.of(), slowQueryAtWork(), profile);

		assertThat(verdict.cause()).isEqualTo("slow-query");
		assertThat(verdict.frame()).isEqualTo("dev.latencylab.inventory.stock.DemandCheck.check");
	}

	@Test
	void shouldNameTheStatementTheSlowRequestsWaitForNotABusierOneOfABackgroundJob() {
		// the clean-clone run of fa58078: the recount job's replay of the ledger held
		// more session-seconds than the requests' slow query, as long as before it
		String statement = "SELECT sum(quantity) FROM lab.stock_movement WHERE sku = $1 AND reason = 'SALE'";
		String job = "SELECT sku, sum(delta) FROM lab.stock_movement GROUP BY sku";
		Trace slow = TraceBuilder.trace("s", 10_000)
			.span("i", "", "inventory-service", "POST /api/reservations", Span.Kind.SERVER, 0, 3_040)
			.sql("q", "i", "inventory-service",
					"SELECT sum(quantity)  FROM lab.stock_movement\n WHERE sku = ? AND reason = ?", 10, 3_030)
			.build();
		DatabaseWindow database = database(4,
				session(9, "inventory-service", "active", "IO", statement, 3.0, List.of(), null, List.of()),
				session(10, "inventory-service", "active", "", job, 9.0, List.of(), null, List.of()),
				session(11, "inventory-service", "active", "IO", job, 9.0, List.of(), null, List.of()));

		Verdict verdict = decide(TraceFindings.of(List.of(slow), NORMAL), Map.of(), database, null);

		assertThat(verdict.cause()).isEqualTo("slow-query");
		assertThat(verdict.statement()).isEqualTo(statement);
		assertThat(verdict.evidence()).extracting(Verdict.Evidence::text)
			.anyMatch((text) -> text.startsWith("busier but not in the slow requests' traces, 8 session-seconds"));
	}

	@Test
	void shouldStillNameAFrameWhenNoStackThatWaitsForTheDatabaseServesARequest() {
		Profile profile = profile("inventory-service", "wall",
				"""
						T.run;com/example/rpc/Handler.handle;dev/latencylab/inventory/stock/DemandCheck.check;org/postgresql/core/v3/QueryExecutorImpl.execute;sun/nio/ch/Net.poll 600
						T.run;org/apache/tomcat/Poller.run;sun/nio/ch/EPoll.wait 300
						""");

		Verdict verdict = decide(slowSelect(), Map.of(), slowQueryAtWork(), profile);

		assertThat(verdict.frame()).isEqualTo("dev.latencylab.inventory.stock.DemandCheck.check");
	}

	@Test
	void shouldNameTheDatabaseBusyWhenAnotherClientsWorkHoldsItAndTheStatementDoesNoMoreThanBefore() {
		String statement = "SELECT sum(quantity) FROM lab.stock_movement WHERE sku = $1";
		Session ours = session(9, "inventory-service", "active", "", statement, 0.4, List.of(), null, List.of());
		String report = "SELECT date_trunc($1, moved_at), count(*) FROM lab.stock_movement GROUP BY 1";
		Session theirs1 = session(50, "metabase", "active", "IO", report, 40, List.of(), null, List.of());
		Session theirs2 = session(51, "metabase", "active", "", report, 40, List.of(), null, List.of());
		DatabaseWindow database = withStatements(database(5, ours, theirs1, theirs2),
				stats(statement, 600, 1_200, 6_000), stats(statement, 1_200, 240, 12_000));

		Verdict verdict = decide(slowSelect(), Map.of(), database, null);

		assertThat(verdict.cause()).isEqualTo("db-busy");
		assertThat(verdict.service()).isEqualTo("inventory-service");
		assertThat(verdict.statement()).isEqualTo(report);
		assertThat(verdict.summary()).contains("metabase");
		assertThat(verdict.confidence()).isEqualTo("medium");
	}

	@Test
	void shouldNameASlowQueryWhenItsOwnWorkPerCallGrewWhileAnotherClientWasBusyToo() {
		// the index is gone: each call touches a hundred times the blocks, whoever else
		// is busy (the archive being loaded)
		String statement = "SELECT sum(quantity) FROM lab.stock_movement WHERE sku = $1";
		Session ours = session(9, "inventory-service", "active", "", statement, 2.0, List.of(), null, List.of());
		Session load = session(50, "psql", "active", "IO", "INSERT INTO lab.stock_movement SELECT ...", 30, List.of(),
				null, List.of());
		Session load2 = session(51, "psql", "active", "", "INSERT INTO lab.stock_movement SELECT ...", 30, List.of(),
				null, List.of());
		Session load3 = session(52, "psql", "active", "", "INSERT INTO lab.stock_movement SELECT ...", 30, List.of(),
				null, List.of());
		DatabaseWindow database = withStatements(database(4, ours, load, load2, load3),
				stats(statement, 100, 200_000, 1_500_000), stats(statement, 1_200, 240, 12_000));

		Verdict verdict = decide(slowSelect(), Map.of(), database, null);

		assertThat(verdict.cause()).isEqualTo("slow-query");
		assertThat(verdict.statement()).isEqualTo(statement);
	}

	@Test
	void shouldNotTellALockWaitFromASlowQueryWithoutTheDatabase() {
		TraceFindings traces = TraceFindings.of(List.of(TraceBuilder.trace("a", 10_000).checkout(6_000, 20, 40).build(),
				TraceBuilder.trace("b", 10_100).checkout(5_900, 20, 40).build()), NORMAL);

		Verdict verdict = decide(traces, Map.of(), DatabaseWindow.unavailable("no database is configured"), null);

		assertThat(verdict.cause()).isEqualTo("unknown");
		assertThat(verdict.service()).isEqualTo("inventory-service");
		assertThat(verdict.statement()).startsWith("UPDATE lab.product");
		assertThat(verdict.confidence()).isEqualTo("low");
	}

	@Test
	void shouldSayUnknownWhenTheDatabaseSawNeitherWaitsNorWork() {
		TraceFindings traces = TraceFindings
			.of(List.of(TraceBuilder.trace("a", 10_000).checkout(6_000, 20, 40).build()), NORMAL);
		Session quick = session(9, "inventory-service", "active", "", "SELECT 1", 0.01, List.of(), null, List.of());

		Verdict verdict = decide(traces, Map.of(), database(2, quick), null);

		assertThat(verdict.cause()).isEqualTo("unknown");
	}

	@Test
	void shouldNameLockContentionWhenFraudHoldsTheTimeAndThreadsBlock() {
		TraceFindings traces = TraceFindings
			.of(List.of(TraceBuilder.trace("a", 10_000).checkout(30, 4_900, 40).build()), NORMAL);
		Map<String, ServiceSignals> signals = signals("fraud-service", Signal.BLOCKED_THREADS, 10, 0, Signal.CPU, 0.55,
				0.1);
		Profile profile = profile("fraud-service", "lock",
				"""
						T.run;dev/latencylab/fraud/scoring/FraudScorer.score;dev/latencylab/fraud/scoring/RulesCache.rules;dev.latencylab.fraud.scoring.RulesCache_[i] 45000000000
						T.run;com/zaxxer/hikari/pool/HikariPool.getConnection;jdk/internal/misc/Unsafe.park 1000
						""");

		Verdict verdict = decide(traces, signals, profile);

		assertThat(verdict.cause()).isEqualTo("jvm-lock-contention");
		assertThat(verdict.frame()).isEqualTo("dev.latencylab.fraud.scoring.RulesCache.rules");
		assertThat(verdict.frameDetail()).isEqualTo("dev.latencylab.fraud.scoring.RulesCache (type)");
		assertThat(verdict.confidence()).isEqualTo("high");
	}

	@Test
	void shouldNameLockContentionFromTheFlightRecorderWhenTheGaugeMissedTheSpell() {
		// the blocked-threads gauge is scraped every 5 s and caught one thread; the lock
		// holder's work raised the CPU; the flight recorder saw 10 threads wait 5 s each
		TraceFindings traces = TraceFindings
			.of(List.of(TraceBuilder.trace("a", 10_000).checkout(30, 4_900, 40).build()), NORMAL);
		Map<String, ServiceSignals> signals = signals("fraud-service", Signal.BLOCKED_THREADS, 1, 0, Signal.CPU, 0.35,
				0.04);
		Profile profile = profile("fraud-service", "lock",
				"T.run;dev/latencylab/fraud/scoring/FraudScorer.score;dev/latencylab/fraud/scoring/RulesCache.readUnderMonitor;dev.latencylab.fraud.scoring.RulesCache_[i] 50000000000\n");

		Verdict verdict = decide(traces, signals, profile);

		assertThat(verdict.cause()).isEqualTo("jvm-lock-contention");
		assertThat(verdict.frame()).isEqualTo("dev.latencylab.fraud.scoring.RulesCache.readUnderMonitor");
		assertThat(verdict.confidence()).isEqualTo("medium");
	}

	@Test
	void shouldBlameTheMonitorNotThePoolItsWaitersHold() {
		// scorers blocked on the monitor hold their JDBC connections: others wait for
		// the pool, a symptom
		TraceFindings traces = TraceFindings
			.of(List.of(TraceBuilder.trace("a", 10_000).checkout(30, 4_900, 40).build()), NORMAL);
		Map<String, ServiceSignals> signals = signals("fraud-service", Signal.POOL_PENDING, 10, 0,
				Signal.BLOCKED_THREADS, 8, 0);
		Profile profile = profile("fraud-service", "lock",
				"T.run;dev/latencylab/fraud/scoring/ScoreController.score;com/zaxxer/hikari/pool/HikariPool.getConnection;jdk/internal/misc/Unsafe.park 9000000000\n"
						+ "T.run;dev/latencylab/fraud/scoring/RulesCache.readUnderMonitor;dev.latencylab.fraud.scoring.RulesCache_[i] 40000000000\n");

		// PostgreSQL sees those connections idle in their transactions, as it would for a
		// remote call made inside one
		Session holding = session(41, "fraud-service", "idle in transaction", "ClientRead",
				"SELECT count(*) FROM fraud.order_history WHERE customer_id = $1", 3.0, List.of(), null, List.of());

		Verdict verdict = decide(traces, signals, database(5, holding, holding), profile);

		assertThat(verdict.cause()).isEqualTo("jvm-lock-contention");
		assertThat(verdict.frame()).isEqualTo("dev.latencylab.fraud.scoring.RulesCache.readUnderMonitor");
	}

	@Test
	void shouldNameACpuHotSpotWhenFraudBurnsCpuWithoutBlocking() {
		TraceFindings traces = TraceFindings
			.of(List.of(TraceBuilder.trace("a", 10_000).checkout(30, 5_000, 40).build()), NORMAL);
		Map<String, ServiceSignals> signals = signals("fraud-service", Signal.BLOCKED_THREADS, 0, 0, Signal.CPU, 0.45,
				0.1);
		Profile profile = profile("fraud-service", "wall", """
				T.run;dev/latencylab/fraud/scoring/EmailRule.points;java/util/regex/Pattern$Loop.match 480
				T.run;org/apache/tomcat/Poller.run;sun/nio/ch/EPoll.wait 300
				""");

		Verdict verdict = decide(traces, signals, profile);

		assertThat(verdict.cause()).isEqualTo("cpu-hot-spot");
		assertThat(verdict.frame()).isEqualTo("dev.latencylab.fraud.scoring.EmailRule.points");
		assertThat(verdict.frameDetail()).isEqualTo("java.util.regex.Pattern$Loop.match");
	}

	@Test
	void shouldNameACpuHotSpotFromTheFlightRecorderWhenTheGaugeMissedTheBurst() {
		// a 5 s burst on one core, scraped as 24 % after an earlier scenario's 39 %
		TraceFindings traces = TraceFindings
			.of(List.of(TraceBuilder.trace("a", 10_000).checkout(30, 5_000, 40).build()), NORMAL);
		Map<String, ServiceSignals> signals = signals("fraud-service", Signal.CPU, 0.24, 0.39);
		Profile profile = profile("fraud-service", "wall", """
				T.run;dev/latencylab/fraud/scoring/EmailAddressPatterns.recognise;java/util/regex/Pattern$Loop.match 95
				T.run;dev/latencylab/fraud/scoring/ScoreController.score 1
				T.run;org/apache/tomcat/Poller.run;sun/nio/ch/EPoll.wait 3000
				""");

		Verdict verdict = decide(traces, signals, profile);

		assertThat(verdict.cause()).isEqualTo("cpu-hot-spot");
		assertThat(verdict.frame()).isEqualTo("dev.latencylab.fraud.scoring.EmailAddressPatterns.recognise");
		assertThat(verdict.confidence()).isEqualTo("medium");
	}

	@Test
	void shouldNameAGcPauseBeforeWhateverSpanItStretched() {
		TraceFindings traces = TraceFindings
			.of(List.of(TraceBuilder.trace("a", 10_000).checkout(30, 20, 5_000).build()), NORMAL);
		Map<String, ServiceSignals> signals = signals("payment-service", Signal.GC_PAUSE_SECONDS, 6.5, 0.2,
				Signal.GC_PAUSE_MAX, 5.1, 0.05);
		Profile profile = profile("payment-service", "alloc",
				"""
						T.run;dev/latencylab/payment/network/RiskProfiles.profile;java/util/LinkedList.add;java.util.LinkedList$Node_[i] 900000000
						T.run;dev/latencylab/payment/payment/PaymentService.authorize;byte[]_[k] 1000000
						""");

		Verdict verdict = decide(traces, signals, profile);

		assertThat(verdict.cause()).isEqualTo("gc-pause");
		assertThat(verdict.frame()).isEqualTo("dev.latencylab.payment.network.RiskProfiles.profile");
		assertThat(verdict.runbook()).isEqualTo("runbooks/long-gc-pause.md");
	}

	@Test
	void shouldNotBlameGcForAPauseThatLingersFromBeforeTheWindow() {
		// Micrometer's maximum keeps a pause for two minutes; no GC time in the window
		TraceFindings traces = TraceFindings
			.of(List.of(TraceBuilder.trace("a", 10_000).checkout(30, 20, 5_000).build()), NORMAL);
		Map<String, ServiceSignals> signals = signals("payment-service", Signal.GC_PAUSE_SECONDS, 0.1, 6,
				Signal.GC_PAUSE_MAX, 5.1, 5.1);

		Verdict verdict = decide(traces, signals, null);

		assertThat(verdict.cause()).isNotEqualTo("gc-pause");
	}

	@Test
	void shouldNamePoolStarvationWhenThreadsWaitForConnections() {
		TraceFindings traces = TraceFindings
			.of(List.of(TraceBuilder.trace("a", 10_000).checkout(30, 20, 5_000).build()), NORMAL);
		Map<String, ServiceSignals> signals = signals("payment-service", Signal.POOL_PENDING, 18, 0,
				Signal.BLOCKED_THREADS, 0, 0);
		Profile profile = profile("payment-service", "lock",
				"""
						T.run;dev/latencylab/payment/payment/PaymentService.authorize;com/zaxxer/hikari/pool/HikariPool.getConnection;jdk/internal/misc/Unsafe.park 30000000000
						""");

		Verdict verdict = decide(traces, signals, profile);

		assertThat(verdict.cause()).isEqualTo("pool-starvation");
		assertThat(verdict.frame()).isEqualTo("dev.latencylab.payment.payment.PaymentService.authorize");
	}

	@Test
	void shouldNamePoolStarvationByTheTimeWaitedEvenWhenAnEarlierBurstFilledThePoolAsMuch() {
		// the CI run of 2026-12-05: a GC pause scenario minutes before had left as many
		// threads waiting at one scrape in the baseline; the time waited tells them apart
		Map<String, ServiceSignals> signals = signals("payment-service", Signal.POOL_PENDING, 15, 16, Signal.POOL_WAIT,
				3.1, 0.04);
		Profile profile = profile("payment-service", "wall",
				"""
						T.run;dev/latencylab/payment/payment/PaymentService.authorize;dev/latencylab/payment/network/IssuerLink.exchange;sun/nio/ch/SocketDispatcher.read0 900
						T.run;org/apache/tomcat/Poller.run;sun/nio/ch/EPoll.wait 100
						""");

		Verdict verdict = decide(slowAuthorization(), signals, profile);

		assertThat(verdict.cause()).isEqualTo("pool-starvation");
		assertThat(verdict.evidence()).extracting(Verdict.Evidence::text)
			.anySatisfy((text) -> assertThat(text).contains("waited 3.10 s a second", "0.04 before"));
	}

	@Test
	void shouldNamePoolStarvationFromTheDatabaseAndTheRecorderWhenThePoolsMetricsAreMissing() {
		Session holding = session(31, "payment-service", "idle in transaction", "ClientRead",
				"INSERT INTO lab.payment VALUES ($1)", 2.4, List.of(), null, List.of());
		Profile profile = profile("payment-service", "lock",
				"""
						T.run;dev/latencylab/payment/payment/PaymentService.authorize;com/zaxxer/hikari/pool/HikariPool.getConnection;jdk/internal/misc/Unsafe.park 30000000000
						""");

		Verdict verdict = decide(slowAuthorization(), Map.of(), database(4, holding, holding), profile);

		assertThat(verdict.cause()).isEqualTo("pool-starvation");
		assertThat(verdict.frame()).isEqualTo("dev.latencylab.payment.payment.PaymentService.authorize");
		assertThat(verdict.evidence()).extracting(Verdict.Evidence::source)
			.contains("database", "profile")
			.doesNotContain("metrics");
	}

	@Test
	void shouldNameTheCodeThatHoldsTheConnectionsNotWhereverTheNextRequestWaitedForOne() {
		// the scenario run of 2026-12-05: capture's requests waited for the pool as much
		// as authorize's, but authorize's transactions held the connections
		Session holding = session(31, "payment-service", "idle in transaction", "ClientRead",
				"INSERT INTO lab.payment VALUES ($1)", 0.6, List.of(), null, List.of());
		Profile profile = new Profile("payment-service", "c1", "flight-recorder", Instant.EPOCH, 60, Map.of("lock",
				mode("""
						T.run;dev/latencylab/payment/payment/PaymentService.capture;com/zaxxer/hikari/pool/HikariPool.getConnection;jdk/internal/misc/Unsafe.park 40000000000
						T.run;dev/latencylab/payment/payment/PaymentService.authorize;com/zaxxer/hikari/pool/HikariPool.getConnection;jdk/internal/misc/Unsafe.park 30000000000
						"""),
				"wall",
				mode("""
						T.run;dev/latencylab/payment/payment/PaymentService.authorize;dev/latencylab/payment/network/IssuerLink.exchange;sun/nio/ch/SocketDispatcher.read0 600
						T.run;dev/latencylab/payment/payment/PaymentService.capture;com/zaxxer/hikari/pool/HikariPool.getConnection;jdk/internal/misc/Unsafe.park 500
						T.run;org/apache/tomcat/Poller.run;sun/nio/ch/EPoll.wait 300
						""")));

		Verdict verdict = decide(slowAuthorization(),
				signals("payment-service", Signal.POOL_PENDING, 13, 11, Signal.POOL_WAIT, 1.71, 0.2),
				database(30, holding), profile);

		assertThat(verdict.cause()).isEqualTo("pool-starvation");
		assertThat(verdict.frame()).isEqualTo("dev.latencylab.payment.network.IssuerLink.exchange");
		assertThat(verdict.summary()).contains("sit idle in open transactions", "IssuerLink.exchange");
		assertThat(verdict.evidence()).extracting(Verdict.Evidence::text)
			.anySatisfy((text) -> assertThat(text).startsWith("dev.latencylab.payment.payment.PaymentService.capture"));
		assertThat(verdict.confidence()).isEqualTo("high");
	}

	@Test
	void shouldNotBlameThePoolForAFewThreadsCaughtWaitingAMoment() {
		Map<String, ServiceSignals> signals = signals("payment-service", Signal.POOL_PENDING, 3, 0, Signal.POOL_WAIT,
				0.03, 0.001);

		Verdict verdict = decide(slowAuthorization(), signals, null);

		assertThat(verdict.cause()).isNotEqualTo("pool-starvation");
	}

	@Test
	void shouldNamePoolStarvationWhenConnectionsSitIdleInTransactionsWhateverSpanHoldsTheTime() {
		// the slow requests' longest span is the card network call made inside a
		// transaction; PostgreSQL sees the connections sit idle in those transactions
		Trace slow = TraceBuilder.trace("s", 10_000)
			.span("p", "", "payment-service", "POST /api/payments/authorizations", Span.Kind.SERVER, 0, 3_900)
			.http("n", "p", "payment-service", "POST", 20, 2_600)
			.build();
		Trace normal = TraceBuilder.trace("n", 1_000)
			.span("p", "", "payment-service", "POST /api/payments/authorizations", Span.Kind.SERVER, 0, 60)
			.http("n", "p", "payment-service", "POST", 20, 40)
			.build();
		Map<String, ServiceSignals> signals = signals("payment-service", Signal.POOL_PENDING, 15, 0,
				Signal.HTTP_CLIENT_MEAN_SECONDS, 0.4, 0.02);
		Session holding = session(31, "payment-service", "idle in transaction", "ClientRead",
				"INSERT INTO lab.payment VALUES ($1)", 2.4, List.of(), null, List.of());

		Verdict verdict = decide(TraceFindings.of(List.of(slow), List.of(normal)), signals,
				database(4, holding, holding), null);

		assertThat(verdict.cause()).isEqualTo("pool-starvation");
		assertThat(verdict.confidence()).isEqualTo("high");
		assertThat(verdict.evidence()).extracting(Verdict.Evidence::source).contains("metrics", "database");
	}

	@Test
	void shouldNameAProcessStallWhenTheJvmStoodStillLongerThanAnyGcPause() {
		TraceFindings traces = TraceFindings
			.of(List.of(TraceBuilder.trace("a", 10_000).checkout(30, 20, 5_100).build()), NORMAL);
		Map<String, ServiceSignals> signals = signals("payment-service", Signal.HICCUP_MAX, 5.1, 0.02, Signal.STALLS, 1,
				0, Signal.GC_PAUSE_MAX, 0.03, 0.03, Signal.GC_PAUSE_SECONDS, 0.1, 0.4);

		Verdict verdict = decide(traces, signals, null);

		assertThat(verdict.cause()).isEqualTo("process-stall");
		assertThat(verdict.service()).isEqualTo("payment-service");
		assertThat(verdict.confidence()).isEqualTo("medium");
	}

	@Test
	void shouldNameHostSaturationWhenOtherProcessesTakeTheCoresTheServiceNeeds() {
		TraceFindings traces = TraceFindings
			.of(List.of(TraceBuilder.trace("a", 10_000).checkout(30, 2_600, 40).build()), NORMAL);
		Map<String, ServiceSignals> signals = signals("fraud-service", Signal.CPU, 0.12, 0.1, Signal.HOST_CPU, 0.98,
				0.45, Signal.OTHERS_CPU, 0.8, 0.15, Signal.LOAD_PER_CORE, 3.2, 1.1);
		// the service's own code runs as it always did, only later
		Profile profile = profile("fraud-service", "wall", """
				T.run;dev/latencylab/fraud/scoring/EmailRule.points;java/util/regex/Pattern$Loop.match 120
				T.run;org/apache/tomcat/Poller.run;sun/nio/ch/EPoll.wait 300
				""");

		Verdict verdict = decide(traces, signals, profile);

		assertThat(verdict.cause()).isEqualTo("host-saturation");
		assertThat(verdict.service()).isEqualTo("fraud-service");
		assertThat(verdict.confidence()).isEqualTo("medium");
		assertThat(verdict.evidence()).extracting(Verdict.Evidence::text)
			.anySatisfy((text) -> assertThat(text).contains("98 % busy", "80 % of all cores", "3.2 per core"));
	}

	@Test
	void shouldNameHostSaturationNotAStallWhenAJvmWokeLateOnABusyHost() {
		TraceFindings traces = TraceFindings
			.of(List.of(TraceBuilder.trace("a", 10_000).checkout(30, 20, 2_500).build()), NORMAL);
		Map<String, ServiceSignals> signals = signals("payment-service", Signal.HICCUP_MAX, 1.4, 0.02, Signal.STALLS, 2,
				0, Signal.GC_PAUSE_MAX, 0.03, 0.03, Signal.HOST_CPU, 0.99, 0.4, Signal.OTHERS_CPU, 0.85, 0.1);

		Verdict verdict = decide(traces, signals, null);

		assertThat(verdict.cause()).isEqualTo("host-saturation");
	}

	@Test
	void shouldBlameTheServicesOwnCpuWhenItIsWhatKeepsTheHostBusy() {
		TraceFindings traces = TraceFindings
			.of(List.of(TraceBuilder.trace("a", 10_000).checkout(30, 5_000, 40).build()), NORMAL);
		// fraud's regex takes both cores: the host is busy, but by the lab's own JVM
		Map<String, ServiceSignals> signals = signals("fraud-service", Signal.CPU, 0.8, 0.1, Signal.HOST_CPU, 0.97,
				0.45, Signal.OTHERS_CPU, 0.12, 0.15);

		Verdict verdict = decide(traces, signals, null);

		assertThat(verdict.cause()).isEqualTo("cpu-hot-spot");
	}

	@Test
	void shouldNameAGcPauseWhenTheGcExplainsTheStall() {
		TraceFindings traces = TraceFindings
			.of(List.of(TraceBuilder.trace("a", 10_000).checkout(30, 20, 5_100).build()), NORMAL);
		Map<String, ServiceSignals> signals = signals("payment-service", Signal.HICCUP_MAX, 5.3, 0.02, Signal.STALLS, 1,
				0, Signal.GC_PAUSE_MAX, 5.2, 0.03, Signal.GC_PAUSE_SECONDS, 6.0, 0.4);

		Verdict verdict = decide(traces, signals, null);

		assertThat(verdict.cause()).isEqualTo("gc-pause");
	}

	@Test
	void shouldNameASlowDownstreamWhenAnOutgoingCallHoldsTheTime() {
		Trace slow = TraceBuilder.trace("s", 10_000)
			.span("p", "", "payment-service", "POST /api/payments/authorizations", Span.Kind.SERVER, 0, 5_300)
			.http("n", "p", "payment-service", "POST", 20, 5_250)
			.build();
		Trace normal = TraceBuilder.trace("n", 1_000)
			.span("p", "", "payment-service", "POST /api/payments/authorizations", Span.Kind.SERVER, 0, 60)
			.http("n", "p", "payment-service", "POST", 20, 40)
			.build();
		Map<String, ServiceSignals> signals = signals("payment-service", Signal.HTTP_CLIENT_MEAN_SECONDS, 0.4, 0.02);

		Verdict verdict = decide(TraceFindings.of(List.of(slow), List.of(normal)), signals, null);

		assertThat(verdict.cause()).isEqualTo("slow-downstream");
		assertThat(verdict.confidence()).isEqualTo("medium");
	}

	@Test
	void shouldNameASlowDownstreamTheTracesDoNotShowFromASocketRead() {
		// payment's card-network endpoint holds the time itself, its thread in a socket
		// read to the issuer; waiting for the HTTP answer parks the caller, which is no
		// lock contention
		Trace slow = slowCardNetworkCall();
		Profile profile = new Profile("payment-service", "c1", "flight-recorder", Instant.EPOCH, 60,
				Map.of("wall",
						new Profile.Mode(CollapsedStacks.parse(
								"""
										T.run;dev/latencylab/payment/network/SimulatedCardNetwork.authorize;dev/latencylab/payment/network/IssuerLink.exchange;sun/nio/ch/SocketChannelImpl.read;sun/nio/ch/Net.poll 240
										T.run;org/apache/tomcat/Poller.run;sun/nio/ch/EPoll.wait 3000
										""",
								60), new byte[0]),
						"lock",
						new Profile.Mode(CollapsedStacks.parse(
								"""
										T.run;dev/latencylab/payment/network/CardNetworkClient.authorize;java/util/concurrent/CompletableFuture.get;jdk/internal/misc/Unsafe.park;java.util.concurrent.CompletableFuture$Signaller_[i] 40000000000
										""",
								60), new byte[0])));

		Verdict verdict = decide(TraceFindings.of(List.of(slow), NORMAL), Map.of(), profile);

		assertThat(verdict.cause()).isEqualTo("slow-downstream");
		assertThat(verdict.frame()).isEqualTo("dev.latencylab.payment.network.IssuerLink.exchange");
	}

	@Test
	void shouldNameASlowDownstreamWhenTheNewestBaselineWaitedInTheSameSocketReadOnAMildlySlowDay() {
		// the CI run of 2026-12-07: payment's newest baseline was taken while the issuer
		// answered every call in 600 ms (checkout fine, nothing slow), so its socket read
		// held as many samples as in the window, where one call in twenty took 5 s
		Trace slow = slowCardNetworkCall();
		String issuer = "T.run;dev/latencylab/payment/network/SimulatedCardNetwork.authorize;"
				+ "dev/latencylab/payment/network/IssuerLink.exchange;sun/nio/ch/SocketDispatcher.read0 %d\n";
		String jdbc = "T.run;dev/latencylab/payment/payment/Payments.insert;org/postgresql/core/PGStream.receiveChar;"
				+ "sun/nio/ch/NioSocketImpl.read 30\n";
		String poller = "T.run;org/apache/tomcat/Poller.run;sun/nio/ch/EPoll.wait 2400\n";
		Profile window = profile("payment-service", "wall", issuer.formatted(250) + jdbc + poller);
		Baseline baselines = new Baseline(List.of(profile("payment-service", "wall", jdbc + poller),
				profile("payment-service", "wall", jdbc + poller),
				profile("payment-service", "wall", issuer.formatted(230) + jdbc + poller)));

		Verdict verdict = this.rules.decide(TraceFindings.of(List.of(slow), NORMAL), Map.of(), database(0),
				Optional.of("payment-service"), Optional.of(window), baselines);

		assertThat(verdict.cause()).isEqualTo("slow-downstream");
		assertThat(verdict.frame()).isEqualTo("dev.latencylab.payment.network.IssuerLink.exchange");
		// against that baseline alone the socket read gained a third of a sample a
		// second:
		// not enough to name anything
		assertThat(this.rules
			.decide(TraceFindings.of(List.of(slow), NORMAL), Map.of(), database(0), Optional.of("payment-service"),
					Optional.of(window), new Baseline(baselines.profiles().subList(2, 3)))
			.cause()).isEqualTo("unknown");
	}

	@Test
	void shouldNameTheUntracedWaitUnderASlowSpanNotTheTracedCallThatWaitsForIt() {
		// the CI run of 2026-12-07: payment calls its card network (a span of its own)
		// through Apache HttpClient, whose caller waits in a socket read as long as the
		// network's side waits for the issuer; the trace shows the call, not the issuer
		Trace slow = slowCardNetworkCall();
		Profile profile = profile("payment-service", "wall",
				"""
						T.run;dev/latencylab/payment/network/CardNetworkClient.authorize;org/springframework/http/client/HttpComponentsClientHttpRequest.executeInternal;org/apache/hc/client5/http/impl/classic/InternalHttpClient.doExecute;org/apache/hc/core5/http/impl/io/SessionInputBufferImpl.fillBuffer;sun/nio/ch/NioSocketImpl.read 290
						T.run;dev/latencylab/payment/network/SimulatedCardNetwork.authorize;dev/latencylab/payment/network/IssuerLink.exchange;sun/nio/ch/SocketDispatcher.read0 250
						T.run;org/apache/tomcat/Poller.run;sun/nio/ch/EPoll.wait 2400
						""");

		Verdict verdict = decide(TraceFindings.of(List.of(slow), NORMAL), Map.of(), profile);

		assertThat(verdict.cause()).isEqualTo("slow-downstream");
		assertThat(verdict.frame()).isEqualTo("dev.latencylab.payment.network.IssuerLink.exchange");
	}

	@Test
	void shouldNameTheConnectionHoldersCallInTheirTransactionNotTheThreadsAnsweringIt() {
		// the same two socket reads under pool starvation: the holders are the threads in
		// a transaction, waiting for the card network; the network's own threads hold no
		// connection
		Session holding = session(31, "payment-service", "idle in transaction", "ClientRead",
				"INSERT INTO lab.payment VALUES ($1)", 0.6, List.of(), null, List.of());
		Profile profile = new Profile("payment-service", "c1", "flight-recorder", Instant.EPOCH, 60, Map.of("lock",
				mode("""
						T.run;dev/latencylab/payment/payment/PaymentService.capture;com/zaxxer/hikari/pool/HikariPool.getConnection;jdk/internal/misc/Unsafe.park 40000000000
						"""),
				"wall",
				mode("""
						T.run;org/springframework/transaction/support/TransactionTemplate.execute;dev/latencylab/payment/payment/PaymentService.lambda$authorize$0;dev/latencylab/payment/network/CardNetworkClient.authorize;org/apache/hc/client5/http/impl/classic/InternalHttpClient.doExecute;sun/nio/ch/NioSocketImpl.read 250
						T.run;dev/latencylab/payment/network/SimulatedCardNetwork.authorize;dev/latencylab/payment/network/IssuerLink.exchange;sun/nio/ch/SocketDispatcher.read0 300
						T.run;org/apache/tomcat/Poller.run;sun/nio/ch/EPoll.wait 300
						""")));

		Verdict verdict = decide(slowAuthorization(),
				signals("payment-service", Signal.POOL_PENDING, 13, 11, Signal.POOL_WAIT, 1.71, 0.2),
				database(30, holding), profile);

		assertThat(verdict.cause()).isEqualTo("pool-starvation");
		assertThat(verdict.frame()).isEqualTo("dev.latencylab.payment.network.CardNetworkClient.authorize");
	}

	@Test
	void shouldNotBlameThePoolForAMomentsWaitBehindASlowCallMadeInATransaction() {
		// the CI run of 2026-12-05: the card network call sits inside a transaction, so
		// PostgreSQL saw the connections idle in it, but the pool never ran dry: its
		// waiters parked 0.26 ms a second while the call took 5 s
		Trace slow = slowCardNetworkCall();
		Session holding = session(31, "payment-service", "idle in transaction", "ClientRead",
				"INSERT INTO lab.payment VALUES ($1)", 4.9, List.of(), null, List.of());
		Profile profile = new Profile("payment-service", "c1", "flight-recorder", Instant.EPOCH, 60, Map.of("lock",
				mode("""
						T.run;dev/latencylab/payment/payment/PaymentService.authorize;com/zaxxer/hikari/pool/HikariPool.getConnection;jdk/internal/misc/Unsafe.park 15840000
						"""),
				"wall",
				mode("""
						T.run;dev/latencylab/payment/payment/PaymentService.authorize;dev/latencylab/payment/network/IssuerLink.exchange;sun/nio/ch/SocketDispatcher.read0 342
						T.run;org/apache/tomcat/Poller.run;sun/nio/ch/EPoll.wait 3000
						""")));

		Verdict verdict = decide(TraceFindings.of(List.of(slow), NORMAL), Map.of(),
				database(30, holding, holding, holding, holding), profile);

		assertThat(verdict.cause()).isEqualTo("slow-downstream");
		assertThat(verdict.frame()).isEqualTo("dev.latencylab.payment.network.IssuerLink.exchange");
	}

	@Test
	void shouldTellLockContentionFromOtherWaits() {
		assertThat(ProfileFrames.isContention(stack("a.B.c;dev.X_[i]"))).as("a monitor").isTrue();
		assertThat(ProfileFrames.isContention(stack(
				"a.B.c;java/util/concurrent/locks/ReentrantLock.lock;java/util/concurrent/locks/AbstractQueuedSynchronizer.acquire;java/util/concurrent/locks/LockSupport.park;jdk/internal/misc/Unsafe.park")))
			.as("a ReentrantLock")
			.isTrue();
		assertThat(ProfileFrames.isContention(stack(
				"a.B.c;java/util/concurrent/CompletableFuture.get;jdk/internal/misc/Unsafe.park;java.util.concurrent.CompletableFuture$Signaller_[i]")))
			.as("an HTTP answer's future")
			.isFalse();
		assertThat(ProfileFrames
			.isContention(stack("a.B.c;com/zaxxer/hikari/pool/HikariPool.getConnection;jdk/internal/misc/Unsafe.park")))
			.as("a pooled connection")
			.isFalse();
		assertThat(ProfileFrames.isContention(stack(
				"a.B.c;java/util/concurrent/locks/AbstractQueuedSynchronizer$ConditionObject.await;jdk/internal/misc/Unsafe.park")))
			.as("a condition")
			.isFalse();
	}

	private static CollapsedStacks.Stack stack(String frames) {
		return CollapsedStacks.parse(frames + " 1\n", 1).stacks().get(0);
	}

	@Test
	void shouldSayUnknownWhenTheServiceHoldsTheTimeButNoSignalMoved() {
		TraceFindings traces = TraceFindings
			.of(List.of(TraceBuilder.trace("a", 10_000).checkout(30, 4_900, 40).build()), NORMAL);

		Verdict verdict = decide(traces, signals("fraud-service", Signal.CPU, 0.1, 0.1), null);

		assertThat(verdict.cause()).isEqualTo("unknown");
		assertThat(verdict.service()).isEqualTo("fraud-service");
		assertThat(verdict.frame()).isEmpty();
	}

	@Test
	void shouldFindNoCauseWhenNothingIsSlow() {
		Verdict verdict = decide(TraceFindings.of(List.of(), NORMAL), Map.of(), null);

		assertThat(verdict.cause()).isEqualTo("none");
		assertThat(verdict.service()).isEmpty();
	}

	@Test
	void shouldNotClaimHealthWithoutAnyTrace() {
		Verdict verdict = decide(TraceFindings.of(List.of(), List.of()), Map.of(), null);

		assertThat(verdict.cause()).isEqualTo("unknown");
	}

	private Verdict decide(TraceFindings traces, Map<String, ServiceSignals> signals, Profile profile) {
		return decide(traces, signals, database(0), profile);
	}

	private Verdict decide(TraceFindings traces, Map<String, ServiceSignals> signals, DatabaseWindow database,
			Profile profile) {
		return this.rules.decide(traces, signals, database, this.rules.suspect(traces), Optional.ofNullable(profile),
				Baseline.none());
	}

	/**
	 * @return a window of samples a second apart, each with these sessions
	 */
	private static DatabaseWindow database(int samples, Session... sessions) {
		List<ActivitySample> all = new ArrayList<>();
		for (int i = 0; i < samples; i++) {
			all.add(new ActivitySample(Instant.ofEpochSecond(10 + i), List.of(sessions)));
		}
		return new DatabaseWindow(true, "", all, Duration.ofSeconds(1), List.of(), Map.of());
	}

	/**
	 * @return payment's authorizations slow in their server span, no slow child
	 */
	private static TraceFindings slowAuthorization() {
		Trace slow = TraceBuilder.trace("s", 10_000)
			.span("p", "", "payment-service", "POST /api/payments/authorizations", Span.Kind.SERVER, 0, 2_300)
			.build();
		Trace normal = TraceBuilder.trace("n", 1_000)
			.span("p", "", "payment-service", "POST /api/payments/authorizations", Span.Kind.SERVER, 0, 60)
			.build();
		return TraceFindings.of(List.of(slow), List.of(normal));
	}

	/**
	 * @return a slow authorization whose time is held by payment's own card-network
	 * endpoint, which its HTTP client called
	 */
	private static Trace slowCardNetworkCall() {
		return TraceBuilder.trace("s", 10_000)
			.span("p", "", "payment-service", "POST /api/payments/authorizations", Span.Kind.SERVER, 0, 5_300)
			.http("n", "p", "payment-service", "POST", 20, 5_250)
			.span("sim", "n", "payment-service", "POST /internal/card-network/authorize", Span.Kind.SERVER, 25, 5_240)
			.build();
	}

	/**
	 * @return two of inventory's sessions running one statement over the ledger, one
	 * reading and one on a CPU, waiting for no lock
	 */
	private static DatabaseWindow slowQueryAtWork() {
		String statement = "SELECT sum(quantity) FROM lab.stock_movement WHERE sku = $1";
		Session reading = session(9, "inventory-service", "active", "IO", statement, 3.0, List.of(), null, List.of());
		Session working = session(10, "inventory-service", "active", "", statement, 1.0, List.of(), null, List.of());
		return database(4, reading, working);
	}

	private static TraceFindings slowSelect() {
		Trace slow = TraceBuilder.trace("s", 10_000)
			.span("c", "", "checkout-service", "POST /api/checkout", Span.Kind.SERVER, 0, 3_100)
			.http("ci", "c", "checkout-service", "POST", 5, 3_050)
			.span("i", "ci", "inventory-service", "POST /api/reservations", Span.Kind.SERVER, 6, 3_040)
			.sql("q", "i", "inventory-service", "SELECT sum(quantity) FROM lab.stock_movement WHERE sku = ?", 10, 3_030)
			.build();
		return TraceFindings.of(List.of(slow), NORMAL);
	}

	/**
	 * @return the window with one statement's counters in it and in the stretch before
	 */
	private static DatabaseWindow withStatements(DatabaseWindow window, StatementStats in, StatementStats before) {
		return new DatabaseWindow(true, "", window.samples(), window.interval(), List.of(in),
				Map.of(in.database() + "|" + in.queryId(), before));
	}

	/**
	 * @return a statement's counters: so many calls, taking so long and touching so many
	 * blocks in all
	 */
	private static StatementStats stats(String query, long calls, double totalMillis, long blocks) {
		return new StatementStats(42, "lab", query, calls, totalMillis, calls, blocks, 0);
	}

	private static Session session(int pid, String application, String state, String waitEventType, String query,
			double querySeconds, List<Integer> blockedBy, Session.Lock waitsFor, List<Session.Lock> holds) {
		return new Session(pid, application, "lab", state, waitEventType, waitEventType.isEmpty() ? "" : "some", query,
				querySeconds, querySeconds, blockedBy, Optional.ofNullable(waitsFor), holds);
	}

	private static Profile profile(String service, String mode, String collapsed) {
		return new Profile(service, "c1", "flight-recorder", Instant.EPOCH, 60, Map.of(mode, mode(collapsed)));
	}

	private static Profile.Mode mode(String collapsed) {
		return new Profile.Mode(CollapsedStacks.parse(collapsed, 60), new byte[0]);
	}

	private static Map<String, ServiceSignals> signals(String application, Object... values) {
		Map<Signal, Double> window = new EnumMap<>(Signal.class);
		Map<Signal, Double> before = new EnumMap<>(Signal.class);
		List<Object> list = new ArrayList<>(List.of(values));
		for (int i = 0; i + 2 < list.size() + 1; i += 3) {
			window.put((Signal) list.get(i), ((Number) list.get(i + 1)).doubleValue());
			before.put((Signal) list.get(i), ((Number) list.get(i + 2)).doubleValue());
		}
		return Map.of(application, new ServiceSignals(application, window, before));
	}

}
