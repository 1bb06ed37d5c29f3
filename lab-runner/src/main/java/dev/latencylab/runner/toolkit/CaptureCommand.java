package dev.latencylab.runner.toolkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

import dev.latencylab.runner.LabException;

/**
 * {@code ./lab capture SERVICE --mode wall --seconds 15}: a live async-profiler capture
 * through the toolkit, which keeps its flame graphs as pages.
 */
@Command(name = "capture", mixinStandardHelpOptions = true,
		description = { "Profile a service now with async-profiler: flame graphs and top frames.",
				"Through the toolkit, which keeps the flame graphs as pages." })
public class CaptureCommand implements Callable<Integer> {

	@Mixin
	ToolkitClient toolkit;

	@Parameters(paramLabel = "SERVICE",
			description = "checkout-service, inventory-service, payment-service or fraud-service")
	String service;

	@Option(names = "--mode", split = ",", defaultValue = "wall",
			description = "cpu, wall, lock, alloc; several with commas (default ${DEFAULT-VALUE})")
	List<String> modes;

	@Option(names = "--seconds", defaultValue = "15", description = "how long (default ${DEFAULT-VALUE})")
	int seconds;

	@Override
	public Integer call() throws InterruptedException {
		System.out.printf("lab: profiling %s (%s) for %d s%n", this.service, String.join(",", this.modes),
				this.seconds);
		CompletableFuture<JsonNode> answer = CompletableFuture.supplyAsync(() -> this.toolkit.post("/admin/captures",
				Map.of("service", this.service, "modes", this.modes, "seconds", this.seconds),
				Duration.ofSeconds(this.seconds + 120L)));
		long started = System.nanoTime();
		JsonNode capture = null;
		while (capture == null) {
			try {
				capture = answer.get(5, TimeUnit.SECONDS);
			}
			catch (TimeoutException ex) {
				System.out.printf("lab:   %d s ...%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
			}
			catch (ExecutionException ex) {
				throw (ex.getCause() instanceof LabException lab) ? lab : new LabException(ex.getCause().toString());
			}
		}
		for (Map.Entry<String, JsonNode> page : capture.path("flameGraphs").properties()) {
			System.out.printf("%s: %s%n", page.getKey(), this.toolkit.link(page.getValue().asString()));
			for (JsonNode frame : capture.path("topFrames").path(page.getKey())) {
				System.out.println("    " + frame.asString());
			}
		}
		System.out.println("Saved in " + capture.path("folder").asString());
		return 0;
	}

}
