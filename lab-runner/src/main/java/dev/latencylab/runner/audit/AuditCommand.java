package dev.latencylab.runner.audit;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.latencylab.runner.LabException;
import dev.latencylab.runner.LabState;

/**
 * {@code ./lab audit}: do the services' data still add up?
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
		description = { "Do the services' data still add up? Checks each invariant across the checkout,",
				"inventory and payment schemas in one snapshot of the database, and prints its",
				"count of violations with the first few.",
				"Exit status: 0 every invariant holds, 1 some are violated or the database could not be read,",
				"3 the lab is not running." },
		footer = { "", "Another database (docker compose's, say):",
				"  ./lab audit --jdbc-url jdbc:postgresql://127.0.0.1:5433/lab --user lab --password lab" })
public class AuditCommand implements Callable<Integer> {

	@Option(names = "--jdbc-url", paramLabel = "URL",
			description = "the database to audit (default: the running lab's)")
	String jdbcUrl;

	@Option(names = "--user", defaultValue = "postgres", description = "its user (default: ${DEFAULT-VALUE})")
	String user;

	@Option(names = "--password", defaultValue = "postgres", description = "its password (default: the local lab's)")
	String password;

	@Override
	public Integer call() {
		String url = this.jdbcUrl;
		if (url == null) {
			LabState state = LabState.current();
			if (!state.isRunning()) {
				System.out.println("lab: not running (./lab up starts it; --jdbc-url audits another database)");
				return 3;
			}
			url = state.url("postgresql");
		}
		List<Finding> findings;
		try {
			findings = Audit.run(url, this.user, this.password);
		}
		catch (SQLException ex) {
			throw new LabException("could not audit " + url + ": " + ex.getMessage());
		}
		return print(findings, url, System.out) ? 0 : 1;
	}

	/**
	 * Prints an audit's findings.
	 * @param findings the findings
	 * @param url the database audited
	 * @param out where to
	 * @return whether every invariant holds
	 */
	public static boolean print(List<Finding> findings, String url, PrintStream out) {
		out.println("audit: " + findings.size() + " invariants, one snapshot of " + url);
		for (Finding finding : findings) {
			out.printf("  %-4s %-36s %6d  %s%n", finding.holds() ? "ok" : "FAIL", finding.invariant().name(),
					finding.violations(), finding.invariant().rule());
			finding.examples().forEach((example) -> out.println("         e.g. " + example));
		}
		long violated = findings.stream().filter((finding) -> !finding.holds()).count();
		out.println((violated == 0) ? "audit: clean"
				: "audit: " + violated + " of " + findings.size() + " invariants violated");
		return violated == 0;
	}

}
