package dev.latencylab.toolkit.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code diagnose --since 10m}: a diagnosis now, without an alert.
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
		description = "Diagnose the last stretch of time now: slow traces, metrics, flame graphs, a verdict.")
class DiagnoseCommand implements Callable<Integer> {

	@Mixin
	ToolkitServer server;

	@Option(names = "--since", defaultValue = "10m",
			description = "how far back, e.g. 10m or 90s (default: ${DEFAULT-VALUE})")
	String since;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		out.printf("Diagnosing the last %s (traces, metrics, the suspect's flight recorder)...%n", this.since);
		out.flush();
		JsonNode report = this.server.post("/admin/diagnoses", Map.of("since", this.since));
		print(out, report, this.server);
		return 0;
	}

	static void print(PrintWriter out, JsonNode report, ToolkitServer server) {
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
		out.println("Report: " + server.link("/reports/" + report.path("id").asString()));
	}

	private static void line(PrintWriter out, String name, String value) {
		if (!value.isEmpty()) {
			out.printf("  %-10s %s%n", name + ":", value);
		}
	}

}
