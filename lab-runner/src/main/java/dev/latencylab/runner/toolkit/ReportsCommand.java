package dev.latencylab.runner.toolkit;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./lab reports}: the toolkit's reports, newest first.
 */
@Command(name = "reports", mixinStandardHelpOptions = true,
		description = { "The toolkit's reports, newest first.", "One per latency alert, and one per ./lab diagnose." })
public class ReportsCommand implements Callable<Integer> {

	@Mixin
	ToolkitClient toolkit;

	@Override
	public Integer call() {
		JsonNode reports = this.toolkit.get("/api/reports");
		if (reports.isEmpty()) {
			System.out.println("No reports yet: they come with the first latency alert, or with ./lab diagnose.");
			return 0;
		}
		System.out.printf("%-22s %-22s %-20s %-18s %-6s %s%n", "report", "trigger", "cause", "service", "conf.",
				"culprit");
		for (JsonNode report : reports) {
			System.out.printf("%-22s %-22s %-20s %-18s %-6s %s%n", report.path("id").asString(),
					report.path("trigger").asString(), report.path("cause").asString(),
					report.path("service").asString(), report.path("confidence").asString(),
					report.path("culprit").asString());
		}
		System.out.println("Pages: " + this.toolkit.link("/reports"));
		return 0;
	}

}
