package dev.latencylab.toolkit.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code canary FLAG --since 3m}: the fix's cohort against the rest, PROMOTE, ROLLBACK or
 * INCONCLUSIVE with the numbers.
 */
@Command(name = "canary", mixinStandardHelpOptions = true,
		description = "Judge a fix being rolled out: its cohort against the orders without it (Mann-Whitney U on latency, Fisher's exact test on errors).",
		exitCodeListHeading = "Exit codes:%n",
		exitCodeList = { "0:PROMOTE", "2:ROLLBACK", "3:INCONCLUSIVE", "1:the toolkit could not judge" })
class CanaryCommand implements Callable<Integer> {

	@Mixin
	ToolkitServer server;

	@Parameters(index = "0", paramLabel = "FLAG", description = "the fix's flag, e.g. inventory-slow-query-fix")
	String flag;

	@Option(names = "--since", defaultValue = "3m",
			description = "the window: how far back, e.g. 3m or 90s (default: ${DEFAULT-VALUE})")
	String since;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		JsonNode verdict = this.server.post("/admin/canaries", Map.of("flag", this.flag, "since", this.since));
		out.printf("Canary of %s over the last %s: %s%n", this.flag, this.since, verdict.path("decision").asString());
		out.printf("  %-9s %8s %7s %8s %8s %8s %8s%n", "cohort", "requests", "errors", "p50 ms", "p95 ms", "p99 ms",
				"max ms");
		cohort(out, "fix", verdict.path("fix"));
		cohort(out, "no fix", verdict.path("control"));
		for (JsonNode reason : verdict.path("reasons")) {
			out.println("  - " + reason.asString());
		}
		for (JsonNode note : verdict.path("notes")) {
			out.println("Note: " + note.asString());
		}
		return switch (verdict.path("decision").asString()) {
			case "PROMOTE" -> 0;
			case "ROLLBACK" -> 2;
			default -> 3;
		};
	}

	private static void cohort(PrintWriter out, String name, JsonNode figures) {
		out.printf("  %-9s %8d %6.1f%% %8.0f %8.0f %8.0f %8.0f%n", name, figures.path("requests").asInt(),
				100 * figures.path("errorRatio").asDouble(), figures.path("p50").asDouble(),
				figures.path("p95").asDouble(), figures.path("p99").asDouble(), figures.path("max").asDouble());
	}

}
