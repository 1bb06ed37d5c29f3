package dev.latencylab.inventory.stock;

import java.time.Duration;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import dev.latencylab.inventory.Api;
import dev.latencylab.inventory.InventoryIntegrationTest;
import dev.latencylab.kit.test.TestFlags;
import dev.latencylab.kit.test.TestThreads;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service with its multi-million-row stock ledger seeded and a temporary copy of the
 * lab's flags file, which the tests edit to switch faults and fixes. The fault test
 * classes share this one context (and its ledger, seeded once).
 */
@InventoryIntegrationTest
@ContextConfiguration(initializers = TestFlags.Initializer.class)
@TestPropertySource(properties = { "inventory.faults.ledger.seed=true",
		// the tests run the recount themselves
		"inventory.faults.row-lock.period=1h", "inventory.faults.row-lock.first-run-after=1h",
		"inventory.faults.row-lock.hot-skus=" + FaultTestSupport.HOT + "," + FaultTestSupport.HOT_TOO })
abstract class FaultTestSupport {

	private static final Logger logger = LoggerFactory.getLogger(FaultTestSupport.class);

	/** Hot products in these tests: the recount locks them. */
	static final String HOT = "SKU-00950";

	static final String HOT_TOO = "SKU-00951";

	/** A product no fault touches. */
	static final String COLD = "SKU-00960";

	@RegisterExtension
	final TestThreads background = new TestThreads(4);

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestFlags flags;

	@Autowired
	StockLedger ledger;

	@BeforeEach
	void everyFlagOffAndTheLedgerSeeded() throws Exception {
		this.flags.reset();
		assertThat(this.ledger.awaitSeeded(Duration.ofSeconds(120))).as("ledger seeded").isTrue();
		// the first request of a fresh context is slower: keep it out of the measurements
		this.api.reserve(COLD, 1);
		this.api.deleteReservations();
		this.api.setStock(HOT, 500);
		this.api.setStock(HOT_TOO, 500);
		this.api.setStock(COLD, 500);
	}

	/** Serves {@code on} for the given flags to everyone, and waits until it shows. */
	void switchOn(String... keys) {
		this.flags.switchOn(keys);
	}

	/** Runs a call and measures it; the measurement is logged for the record. */
	static <T> Timed<T> timed(Callable<T> call) throws Exception {
		long started = System.nanoTime();
		T result = call.call();
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		logger.info("Measured: {} ms", took.toMillis());
		return new Timed<>(result, took);
	}

	/** Sessions of the service other than this one that are running the given SQL. */
	int activeSessionsRunning(String sqlFragment) {
		return this.jdbc.sql("""
				SELECT count(*) FROM pg_stat_activity
				WHERE state = 'active' AND pid <> pg_backend_pid() AND datname = current_database()
				  AND position(:fragment in query) > 0
				""").param("fragment", sqlFragment).query(Integer.class).single();
	}

	record Timed<T>(T result, Duration took) {
	}

}
