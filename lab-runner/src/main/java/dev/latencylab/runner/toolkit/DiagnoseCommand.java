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
				"Slow traces, metrics and the suspect's flight recorder: a verdict with its evidence and a report",
				"page." })
public class DiagnoseCommand implements Callable<Integer> {

	@Mixin
	ToolkitClient toolkit;

	@Option(names = "--since", defaultValue = "10m",
			description = "how far back, e.g. 10m or 90s (default ${DEFAULT-VALUE})")
	String since;

	@Override
	public Integer call() {
		System.out.printf("Diagnosing the last %s (traces, metrics, the suspect's flight recorder)...%n", this.since);
		JsonNode report = this.toolkit.post("/admin/diagnoses", Map.of("since", this.since), Duration.ofMinutes(3));
		print(System.out, report, this.toolkit);
		return 0;
	}

	static void print(PrintStream out, JsonNode report, ToolkitClient toolkit) {
		JsonNode verdict = report.path("verdict");
		out.println();
		out.printf("Verdict: %s%s (confidence %s)%n", verdict.path("title").asString(),
				verdict.path("service").asString().isEmpty() ? "" : " in " + verdict.path("service").asString(),
				verdict.path("confidence").asString());
		out.println("  " + verdict.path("summary").asString());
		line(out, "span", verdict.path("span").asString());
		line(out, "statement", verdict.path("statement").asString());
		line(out, "frame", verdict.path("frame").asString());
		line(out, "runbook", verdict.path("runbook").asString());
		out.println("Evidence:");
		for (JsonNode evidence : verdict.path("evidence")) {
			out.printf("  - [%s] %s%n", evidence.path("source").asString(), evidence.path("text").asString());
		}
		for (JsonNode note : report.path("notes")) {
			out.println("Note: " + note.asString());
		}
		out.println("Report: " + toolkit.link("/reports/" + report.path("id").asString()));
	}

	private static void line(PrintStream out, String name, String value) {
		if (!value.isEmpty()) {
			out.printf("  %-10s %s%n", name + ":", value);
		}
	}

}
