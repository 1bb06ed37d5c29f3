package dev.latencylab.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.io.FileUtils;

/**
 * The lab's PostgreSQL: an embedded server (PostgreSQL 14 binaries from Maven Central)
 * with one database, {@code lab}, in which each service owns a schema.
 */
final class LabPostgres implements AutoCloseable {

	static final String DATABASE = "lab";

	private final EmbeddedPostgres postgres;

	private final Path dataDirectory;

	private final boolean keepData;

	private LabPostgres(EmbeddedPostgres postgres, Path dataDirectory, boolean keepData) {
		this.postgres = postgres;
		this.dataDirectory = dataDirectory;
		this.keepData = keepData;
	}

	/**
	 * Starts the server.
	 * @param port the port on 127.0.0.1
	 * @param dataDirectory where the data lives
	 * @param keepData whether data from an earlier run is kept (and this run's after
	 * {@link #close()})
	 * @return the running server with the {@code lab} database
	 */
	static LabPostgres start(int port, Path dataDirectory, boolean keepData) {
		if (!keepData) {
			delete(dataDirectory);
		}
		return launch(port, dataDirectory, keepData);
	}

	private static LabPostgres launch(int port, Path dataDirectory, boolean keepData) {
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setPort(port)
				.setDataDirectory(dataDirectory)
				// the data directory is this class's to clean, on close: a restart keeps
				// it
				.setCleanDataDirectory(false)
				// five services with their pools, plus room for a person's psql
				.setServerConfig("max_connections", "200")
				.setServerConfig("listen_addresses", "127.0.0.1")
				// the database's own evidence: per-statement counters for the toolkit,
				// and the
				// plan of every statement slower than the spike's threshold in the log
				.setServerConfig("shared_preload_libraries", "pg_stat_statements,auto_explain")
				.setServerConfig("auto_explain.log_min_duration", "2s")
				.start();
			LabPostgres server = new LabPostgres(postgres, dataDirectory, keepData);
			server.createLabDatabase();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL did not start on port " + port, ex);
		}
	}

	String jdbcUrl() {
		return jdbcUrl(this.postgres.getPort());
	}

	/**
	 * @param port the server's port on 127.0.0.1
	 * @return the JDBC URL of the lab database there
	 */
	static String jdbcUrl(int port) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
	}

	int port() {
		return this.postgres.getPort();
	}

	/**
	 * @return the postmaster's process id, from its pid file
	 */
	Optional<Long> pid() {
		try {
			Path pidFile = this.dataDirectory.resolve("postmaster.pid");
			return Optional.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	private void createLabDatabase() {
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
			if (!exists.next()) {
				statement.execute("CREATE DATABASE " + DATABASE);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the lab database", ex);
		}
		try (Connection connection = this.postgres.getDatabase("postgres", DATABASE).getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the lab database", ex);
		}
	}

	/**
	 * Starts the server again on its data after it stopped (a crash, an immediate
	 * shutdown): PostgreSQL replays its write-ahead log, and every committed transaction
	 * is there.
	 * @return the server, running again
	 */
	LabPostgres restarted() {
		stop();
		return launch(port(), this.dataDirectory, this.keepData);
	}

	@Override
	public void close() {
		stop();
		if (!this.keepData) {
			delete(this.dataDirectory);
		}
	}

	private void stop() {
		try {
			// a server that is gone already: pg_ctl says so, and the lock is released
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void delete(Path directory) {
		try {
			FileUtils.deleteDirectory(directory.toFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete " + directory, ex);
		}
	}

}
