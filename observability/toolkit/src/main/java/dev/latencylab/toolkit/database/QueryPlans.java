package dev.latencylab.toolkit.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plan PostgreSQL makes for a statement seen in {@code pg_stat_statements}, whatever
 * its parameters: {@code EXPLAIN} of a generic plan, read-only, the statement never run.
 */
final class QueryPlans {

	/** The database's own schemas, the candidates for a client's search_path. */
	private static final String SCHEMAS = """
			SELECT quote_ident(nspname) FROM pg_namespace
			WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY nspname
			""";

	/** PostgreSQL's SQLSTATE for a relation that does not exist. */
	static final String UNDEFINED_TABLE = "42P01";

	private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)");

	private QueryPlans() {
	}

	/**
	 * @param db a connection to the statement's database
	 * @param statement the statement with {@code $1}-style parameters
	 * @return the plan's lines, with the search path that found its tables
	 * @throws SQLException when it cannot be planned (a table locked exclusively, one
	 * that is in no schema)
	 */
	static String plan(Connection db, String statement) throws SQLException {
		try (Statement sql = db.createStatement()) {
			db.setAutoCommit(false);
			db.setReadOnly(true);
			sql.execute("SET LOCAL lock_timeout = '500ms'");
			sql.execute("SET LOCAL statement_timeout = '2s'");
			sql.execute("SET LOCAL plan_cache_mode = force_generic_plan");
			// the client's search_path is not in pg_stat_activity: its tables are looked
			// for in the default path, then in each schema of the database
			List<String> paths = new ArrayList<>();
			paths.add("");
			try (ResultSet schemas = sql.executeQuery(SCHEMAS)) {
				while (schemas.next()) {
					paths.add(schemas.getString(1));
				}
			}
			SQLException last = null;
			for (String path : paths) {
				sql.execute("SAVEPOINT lab_plan");
				try {
					if (!path.isEmpty()) {
						sql.execute("SET LOCAL search_path = " + path);
					}
					List<String> lines = explain(sql, statement);
					db.rollback();
					return (path.isEmpty() ? "" : "(search_path " + path + ")\n") + String.join("\n", lines);
				}
				catch (SQLException ex) {
					if (!UNDEFINED_TABLE.equals(ex.getSQLState())) {
						throw ex;
					}
					last = ex;
					sql.execute("ROLLBACK TO SAVEPOINT lab_plan");
				}
			}
			throw (last != null) ? last : new SQLException("no schema to plan in");
		}
	}

	private static List<String> explain(Statement sql, String statement) throws SQLException {
		sql.execute("DEALLOCATE ALL");
		sql.execute("PREPARE lab_explained AS " + statement);
		int parameters = parameters(statement);
		String arguments = (parameters == 0) ? ""
				: "(" + String.join(", ", Collections.nCopies(parameters, "NULL")) + ")";
		List<String> lines = new ArrayList<>();
		try (ResultSet plan = sql.executeQuery("EXPLAIN EXECUTE lab_explained" + arguments)) {
			while (plan.next()) {
				lines.add(plan.getString(1));
			}
		}
		return lines;
	}

	private static int parameters(String statement) {
		int highest = 0;
		Matcher matcher = PARAMETER.matcher(statement);
		while (matcher.find()) {
			highest = Math.max(highest, Integer.parseInt(matcher.group(1)));
		}
		return highest;
	}

}
