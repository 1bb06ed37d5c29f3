package dev.latencylab.inventory.stock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.latencylab.inventory.Api;
import dev.latencylab.inventory.InventoryIntegrationTest;
import dev.latencylab.kit.FlagContext;
import dev.latencylab.kit.LabFlags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service with its multi-million-row stock ledger seeded and a temporary copy of the
 * lab's flags file, which the tests edit to switch faults and fixes. The fault test
 * classes share this one context (and its ledger, seeded once).
 */
@InventoryIntegrationTest
@TestPropertySource(properties = { "inventory.faults.ledger.seed=true", "lab.flags.poll-interval=200ms",
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

	private static final Path FLAGS = copyOfTheLabsFlags();

	private static final String ORIGINAL = read(FLAGS);

	final ExecutorService background = Executors.newFixedThreadPool(4);

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	LabFlags flags;

	@Autowired
	StockLedger ledger;

	Api api;

	@DynamicPropertySource
	static void flagsFile(DynamicPropertyRegistry registry) {
		registry.add("lab.flags.path", FLAGS::toString);
	}

	@BeforeEach
	void everyFlagOffAndTheLedgerSeeded() throws Exception {
		write(ORIGINAL);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !this.flags.isOn("inventory-row-lock", FlagContext.none())
					&& !this.flags.isOn("inventory-row-lock-fix", FlagContext.none())
					&& !this.flags.isOn("inventory-slow-query", FlagContext.none())
					&& !this.flags.isOn("inventory-slow-query-fix", FlagContext.none()));
		assertThat(this.ledger.awaitSeeded(Duration.ofSeconds(120))).as("ledger seeded").isTrue();
		this.api = new Api(this.port, this.json, this.jdbc);
		// the first request of a fresh context is slower: keep it out of the measurements
		this.api.reserve(COLD, 1);
		this.api.deleteReservations();
		this.api.setStock(HOT, 500);
		this.api.setStock(HOT_TOO, 500);
		this.api.setStock(COLD, 500);
	}

	@AfterEach
	void stopBackground() {
		this.background.shutdownNow();
	}

	/** Serves {@code on} for the given flags to everyone, and waits until it shows. */
	void switchOn(String... keys) {
		ObjectNode root = (ObjectNode) this.json.readTree(ORIGINAL);
		for (String key : keys) {
			((ObjectNode) root.get("flags").get(key)).put("defaultVariant", "on");
		}
		write(this.json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			for (String key : keys) {
				if (!this.flags.isOn(key, FlagContext.none())) {
					return false;
				}
			}
			return true;
		});
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

	private static void write(String content) {
		try {
			// in place, as the admin API does: flagd's watcher follows the file
			Files.writeString(FLAGS, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING,
					StandardOpenOption.WRITE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path copyOfTheLabsFlags() {
		try {
			Path file = Files.createTempDirectory("inventory-flags-").resolve("flags.json");
			Files.copy(Path.of("../flags/flags.json"), file);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
