package dev.latencylab.toolkit.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.latencylab.kit.test.EmbeddedPostgresServer;
import dev.latencylab.toolkit.ToolkitProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sampler against a real PostgreSQL: waits made by real sessions, a real lock, a real
 * plan.
 */
class DatabaseSamplerTests {

	private EmbeddedPostgresServer.Database database;

	private DatabaseSampler sampler;

	private Instant started;

	@BeforeEach
	void createTable() throws SQLException {
		this.database = EmbeddedPostgresServer.shared().createDatabase();
		try (Connection connection = connect("setup"); Statement sql = connection.createStatement()) {
			sql.execute("CREATE TABLE product (id int PRIMARY KEY, name text NOT NULL, stock int NOT NULL)");
			sql.execute("INSERT INTO product SELECT i, 'product ' || i, 10 FROM generate_series(1, 20000) i");
			sql.execute("ANALYZE product");
		}
		this.sampler = new DatabaseSampler(
				new ToolkitProperties.Database(this.database.jdbcUrl(), this.database.username(),
						this.database.password(), Duration.ofSeconds(1), Duration.ZERO, Duration.ofMinutes(5)),
				Clock.systemUTC());
		this.started = Instant.now();
	}

	@AfterEach
	void closeSampler() {
		this.sampler.close();
	}

	@Test
	void shouldNameTheSessionHoldingATableLockAndWhatItsWaitersWant() throws Exception {
		try (Connection outside = connect("psql-outside"); Statement lock = outside.createStatement()) {
			outside.setAutoCommit(false);
			lock.execute("LOCK TABLE product IN ACCESS EXCLUSIVE MODE");
			CompletableFuture<Void> reader = run("inventory-service", "SELECT count(*) FROM product WHERE stock > 0");
			sampleUntil(() -> !window().lockWaits("inventory-service").isEmpty());
			sampleAgain();
			outside.commit();
			reader.get(10, TimeUnit.SECONDS);
		}

		DatabaseWindow window = window();
		List<DatabaseWindow.LockWait> waits = window.lockWaits("inventory-service");
		assertThat(waits).hasSize(1);
		DatabaseWindow.LockWait wait = waits.get(0);
		assertThat(wait.wanted().mode()).isEqualTo("AccessShareLock");
		assertThat(wait.wanted().object()).isEqualTo("product");
		assertThat(wait.blocker()).startsWith("psql-outside (pid ");
		assertThat(wait.blockerState()).isEqualTo("idle in transaction");
		assertThat(wait.blockerStatement()).isEqualTo("LOCK TABLE product IN ACCESS EXCLUSIVE MODE");
		assertThat(wait.held()).contains(new Session.Lock("relation", "AccessExclusiveLock", "product"));
		assertThat(wait.waitedSeconds()).isGreaterThanOrEqualTo(2);
		assertThat(wait.waiterStatement()).isEqualTo("SELECT count(*) FROM product WHERE stock > 0");
		DatabaseWindow.Activity activity = window.activityOf("inventory-service");
		assertThat(activity.lockSeconds()).isGreaterThanOrEqualTo(2);
		// the seconds it waited are not work; one sample may catch the count itself,
		// running once the lock went (a busy CI machine did, 2026-12-07)
		assertThat(activity.totalWorkingSeconds()).isLessThanOrEqualTo(1);
	}

	@Test
	void shouldNameTheTableOfARowLockThroughItsHoldersTransaction() throws Exception {
		try (Connection recount = connect("inventory-recount"); Statement lock = recount.createStatement()) {
			recount.setAutoCommit(false);
			lock.execute("SELECT stock FROM product WHERE id = 7 FOR UPDATE");
			CompletableFuture<Void> writer = run("inventory-service",
					"UPDATE product SET stock = stock - 1 WHERE id = 7");
			sampleUntil(() -> !window().lockWaits("inventory-service").isEmpty());
			recount.commit();
			writer.get(10, TimeUnit.SECONDS);
		}

		DatabaseWindow.LockWait wait = window().lockWaits("inventory-service").get(0);
		assertThat(wait.wanted().type()).isEqualTo("transactionid");
		assertThat(wait.wanted().mode()).isEqualTo("ShareLock");
		assertThat(wait.blocker()).startsWith("inventory-recount (pid ");
		assertThat(wait.blockerStatement()).isEqualTo("SELECT stock FROM product WHERE id = 7 FOR UPDATE");
		assertThat(wait.held()).extracting(Session.Lock::object).contains("product");
	}

	@Test
	void shouldSeeAStatementWorkWithoutWaitingAndCountItsCalls() throws Exception {
		String slow = "SELECT count(*) FROM product a JOIN product b ON a.stock = b.stock WHERE a.id % 7 = b.id % 5";
		this.sampler.sample();
		CompletableFuture<Void> query = run("inventory-service", slow);
		sampleUntil(() -> window().activityOf("inventory-service").totalWorkingSeconds() >= 2);
		query.get(60, TimeUnit.SECONDS);
		sampleAgain();

		DatabaseWindow window = window();
		DatabaseWindow.Activity activity = window.activityOf("inventory-service");
		assertThat(activity.lockSeconds()).isZero();
		assertThat(activity.topStatement()).hasValueSatisfying((top) -> assertThat(top.getKey()).isEqualTo(slow));
		assertThat(window.statement(slow)).hasValueSatisfying((stats) -> {
			assertThat(stats.calls()).isEqualTo(1);
			assertThat(stats.meanMillis()).isGreaterThan(1000);
		});
	}

	@Test
	void shouldShowThePlanOfAStatementWithoutRunningIt() throws SQLException {
		try (Connection connection = connect("setup"); Statement sql = connection.createStatement()) {
			sql.execute("CREATE INDEX product_name ON product (name)");
		}
		String dbName = this.database.jdbcUrl().replaceAll(".*/([^/?]+).*", "$1");

		assertThat(this.sampler.plan(dbName, "SELECT stock FROM product WHERE lower(name) = $1"))
			.contains("Seq Scan on product");
		assertThat(this.sampler.plan(dbName, "SELECT stock FROM product WHERE name = $1"))
			.contains("Index Scan using product_name on product");
		assertThat(this.sampler.plan(dbName, "DELETE FROM product WHERE id = $1")).contains("Delete on product");
		// a client whose search_path names its own schema: the table is found there
		try (Connection connection = connect("setup"); Statement sql = connection.createStatement()) {
			sql.execute("CREATE SCHEMA ledger");
			sql.execute("CREATE TABLE ledger.movement (sku text, delta int)");
		}
		assertThat(this.sampler.plan(dbName, "SELECT sum(delta) FROM movement WHERE sku = $1"))
			.startsWith("(search_path ledger)")
			.contains("Seq Scan on movement");
		try (Connection connection = connect("check");
				Statement sql = connection.createStatement();
				var rows = sql.executeQuery("SELECT count(*) FROM product")) {
			rows.next();
			assertThat(rows.getInt(1)).isEqualTo(20000);
		}
	}

	@Test
	void shouldSayWhyThereIsNoEvidenceWhenTheDatabaseIsNotThere() {
		DatabaseSampler nowhere = new DatabaseSampler(new ToolkitProperties.Database("jdbc:postgresql://127.0.0.1:1/x",
				"postgres", "postgres", Duration.ofSeconds(1), Duration.ZERO, Duration.ofMinutes(5)),
				Clock.systemUTC());
		nowhere.sample();

		DatabaseWindow window = nowhere.window(this.started.minusSeconds(1), Instant.now(), Duration.ofMinutes(5));
		assertThat(window.available()).isFalse();
		assertThat(window.problem()).startsWith("PostgreSQL could not be sampled: ");
	}

	private DatabaseWindow window() {
		return this.sampler.window(this.started, Instant.now(), Duration.ofMinutes(5));
	}

	private void sampleUntil(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		do {
			this.sampler.sample();
			if (condition.getAsBoolean()) {
				return;
			}
			// a second apart, as the toolkit samples
			TimeUnit.SECONDS.sleep(1);
		}
		while (System.nanoTime() < deadline);
		throw new AssertionError("the sampler never saw it within 30 s");
	}

	private void sampleAgain() throws InterruptedException {
		TimeUnit.SECONDS.sleep(1);
		this.sampler.sample();
	}

	private CompletableFuture<Void> run(String application, String statement) {
		return CompletableFuture.runAsync(() -> {
			try (Connection connection = connect(application); Statement sql = connection.createStatement()) {
				sql.execute(statement);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	private Connection connect(String application) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", this.database.username());
		properties.setProperty("password", this.database.password());
		properties.setProperty("ApplicationName", application);
		return DriverManager.getConnection(this.database.jdbcUrl(), properties);
	}

}
