package dev.latencylab.runner.toolkit;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./lab diagnose --since 10m}: a diagnosis now, without an alert.
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
		description = { "The toolkit diagnoses the last minutes now, without an alert.",
				"Slow traces, metrics, PostgreSQL's own views and the suspects' flight",
				"recorders: every cause with its evidence, and a report page." })
public class DiagnoseCommand implements Callable<Integer> {

	@Mixin
	ToolkitClient toolkit;

	@Option(names = "--since", defaultValue = "10m",
			description = "how far back, e.g. 10m or 90s (default ${DEFAULT-VALUE})")
	String since;

	@Override
	public Integer call() {
		System.out.printf("Diagnosing the last %s (traces, metrics, PostgreSQL, the suspects' flight recorders)...%n",
				this.since);
		JsonNode report = this.toolkit.post("/admin/diagnoses", Map.of("since", this.since), Duration.ofMinutes(3));
		print(System.out, report, this.toolkit);
		return 0;
	}

	static void print(PrintStream out, JsonNode report, ToolkitClient toolkit) {
		JsonNode causes = report.path("causes");
		if (causes.size() <= 1) {
			verdict(out, "Verdict", report.path("verdict"));
		}
		else {
			out.println();
			out.printf("%d causes at once, ranked by their share of the slow requests' extra time:%n", causes.size());
			for (int i = 0; i < causes.size(); i++) {
				verdict(out, "Cause " + (i + 1), causes.get(i));
			}
		}
		for (JsonNode note : report.path("notes")) {
			out.println("Note: " + note.asString());
		}
		out.println("Report: " + toolkit.link("/reports/" + report.path("id").asString()));
	}

	private static void verdict(PrintStream out, String heading, JsonNode verdict) {
		out.println();
		out.printf("%s: %s%s (confidence %s)%n", heading, verdict.path("title").asString(),
				verdict.path("service").asString().isEmpty() ? "" : " in " + verdict.path("service").asString(),
				verdict.path("confidence").asString());
		out.println("  " + verdict.path("summary").asString());
		line(out, "span", verdict.path("span").asString());
		line(out, "statement", verdict.path("statement").asString());
		line(out, "lock", verdict.path("blocker").asString());
		line(out, "frame", verdict.path("frame").asString());
		line(out, "runbook", verdict.path("runbook").asString());
		if (!verdict.path("plan").asString().isEmpty()) {
			out.println("  plan:");
			verdict.path("plan").asString().lines().forEach((planLine) -> out.println("    " + planLine));
		}
		out.println("Evidence:");
		for (JsonNode evidence : verdict.path("evidence")) {
			out.printf("  - [%s] %s%n", evidence.path("source").asString(), evidence.path("text").asString());
		}
	}

	private static void line(PrintStream out, String name, String value) {
		if (!value.isEmpty()) {
			out.printf("  %-10s %s%n", name + ":", value);
		}
	}

}
