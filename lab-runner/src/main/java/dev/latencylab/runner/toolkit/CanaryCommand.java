package dev.latencylab.runner.toolkit;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

import dev.latencylab.runner.LabException;
import dev.latencylab.runner.LabState;
import dev.latencylab.runner.flags.Switches;

/**
 * {@code ./lab canary FLAG --percent N} rolls a fix out; {@code ./lab canary FLAG
 * --since 3m} asks the toolkit for its verdict on the rollout.
 */
@Command(name = "canary", mixinStandardHelpOptions = true,
		description = { "Roll a fix out to a share of orders, or judge the rollout.",
				"With --percent N: the fix flag on for N %% of orders (0 rolls it back). Without: the toolkit's",
				"verdict on the rollout, the fix's cohort against the orders without it (Mann-Whitney U on",
				"latency, Fisher's exact test on errors): PROMOTE, ROLLBACK or INCONCLUSIVE (runbooks/canary.md)." },
		exitCodeListHeading = "Exit status of a verdict:%n",
		exitCodeList = { "0:PROMOTE", "2:ROLLBACK", "3:INCONCLUSIVE", "1:the toolkit could not judge" })
public class CanaryCommand implements Callable<Integer> {

	@Mixin
	ToolkitClient toolkit;

	@Parameters(paramLabel = "FLAG", description = "the fix's flag, e.g. inventory-slow-query-fix")
	String flag;

	@Option(names = "--percent", paramLabel = "N", description = "roll the fix out to N % of orders (0 to 100)")
	Integer percent;

	@Option(names = "--since", defaultValue = "3m",
			description = "the verdict's window: how far back, e.g. 3m or 90s (default ${DEFAULT-VALUE})")
	String since;

	@Override
	public Integer call() {
		if (this.percent != null) {
			if (this.percent < 0 || this.percent > 100) {
				throw new LabException("--percent takes 0 to 100, not " + this.percent);
			}
			Switches.Change change = (this.percent == 0) ? Switches.parse("off", false)
					: Switches.parse(this.percent + "%", true);
			Switches.apply(LabState.current(), this.flag, change, System.out);
			return 0;
		}
		JsonNode verdict = this.toolkit.post("/admin/canaries", Map.of("flag", this.flag, "since", this.since),
				Duration.ofMinutes(3));
		PrintStream out = System.out;
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

	private static void cohort(PrintStream out, String name, JsonNode figures) {
		out.printf("  %-9s %8d %6.1f%% %8.0f %8.0f %8.0f %8.0f%n", name, figures.path("requests").asInt(),
				100 * figures.path("errorRatio").asDouble(), figures.path("p50").asDouble(),
				figures.path("p95").asDouble(), figures.path("p99").asDouble(), figures.path("max").asDouble());
	}

}
