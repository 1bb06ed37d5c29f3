package dev.latencylab.toolkit.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code reports}: the past reports, newest first.
 */
@Command(name = "reports", mixinStandardHelpOptions = true, description = "List the reports, newest first.")
class ReportsCommand implements Callable<Integer> {

	@Mixin
	ToolkitServer server;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		JsonNode reports = this.server.get("/api/reports");
		if (reports.isEmpty()) {
			out.println("No reports yet: they come with the first latency alert, or with 'diagnose'.");
			return 0;
		}
		out.printf("%-22s %-22s %-20s %-18s %-6s %s%n", "report", "trigger", "cause", "service", "conf.", "culprit");
		for (JsonNode report : reports) {
			out.printf("%-22s %-22s %-20s %-18s %-6s %s%n", report.path("id").asString(),
					report.path("trigger").asString(), report.path("cause").asString(),
					report.path("service").asString(), report.path("confidence").asString(),
					report.path("culprit").asString());
		}
		out.println("Pages: " + this.server.link("/reports"));
		return 0;
	}

}
