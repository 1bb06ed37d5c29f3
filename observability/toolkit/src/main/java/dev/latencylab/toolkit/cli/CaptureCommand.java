package dev.latencylab.toolkit.cli;

import java.io.PrintWriter;
import java.util.List;
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
 * {@code capture SERVICE --mode wall --seconds 15}: a live async-profiler capture.
 */
@Command(name = "capture", mixinStandardHelpOptions = true,
		description = "Profile a service now with async-profiler and keep its flame graphs.")
class CaptureCommand implements Callable<Integer> {

	@Mixin
	ToolkitServer server;

	@Parameters(index = "0", description = "the service, e.g. payment-service")
	String service;

	@Option(names = "--mode", split = ",", defaultValue = "wall",
			description = "cpu, wall, lock, alloc; several with commas (default: ${DEFAULT-VALUE})")
	List<String> modes;

	@Option(names = "--seconds", defaultValue = "15", description = "how long (default: ${DEFAULT-VALUE})")
	int seconds;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		out.printf("Profiling %s (%s) for %d s...%n", this.service, String.join(",", this.modes), this.seconds);
		out.flush();
		JsonNode capture = this.server.post("/admin/captures",
				Map.of("service", this.service, "modes", this.modes, "seconds", this.seconds));
		for (Map.Entry<String, JsonNode> page : capture.path("flameGraphs").properties()) {
			out.printf("%s: %s%n", page.getKey(), this.server.link(page.getValue().asString()));
			for (JsonNode frame : capture.path("topFrames").path(page.getKey())) {
				out.println("    " + frame.asString());
			}
		}
		out.println("Saved in " + capture.path("folder").asString());
		return 0;
	}

}
