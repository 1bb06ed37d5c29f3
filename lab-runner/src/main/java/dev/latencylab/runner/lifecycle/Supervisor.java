package dev.latencylab.runner.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;

import dev.latencylab.runner.LabMain;
import dev.latencylab.runner.LabPorts;
import dev.latencylab.runner.LabService;
import dev.latencylab.runner.LabState;
import dev.latencylab.runner.LabTool;
import dev.latencylab.runner.LocalLab;
import dev.latencylab.runner.Telemetry;

/**
 * {@code run}: the lab's supervisor, which {@code ./lab up} starts in the background in a
 * session of its own. It starts every part, writes {@code ready} with their URLs and
 * keeps them running until SIGTERM ({@code ./lab down}); everything it starts shares its
 * process group, so that {@code ./lab down} finds them even after this process was
 * killed.
 */
@Command(name = "run", hidden = true, description = "Start the lab in the foreground and keep it running.")
public class Supervisor implements Callable<Integer> {

	@Override
	public Integer call() throws IOException, InterruptedException {
		LabState state = LabState.current();
		Files.createDirectories(state.directory());
		Files.deleteIfExists(state.readyFile());
		LabState.write(state.supervisorFile(), List.of(LabState.Record.of("supervisor", ProcessHandle.current())));
		Telemetry telemetry = Telemetry.fromSystemProperties();
		if (!telemetry.describeMissing().isEmpty()) {
			System.out.println("lab: " + telemetry.describeMissing() + "; ./lab down, then ./lab up for them");
		}
		LocalLab lab;
		try {
			lab = LocalLab.start(new LocalLab.Settings(LabMain.repository(), LabMain.tools(), state.directory(),
					LabPorts.defaults(), true, LabMain.heap(), telemetry),
					(line) -> System.out.println("lab: " + line));
		}
		catch (RuntimeException ex) {
			System.out.println("lab: FAILED: " + ex.getMessage());
			return 1;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			System.out.println("lab: stopping");
			// not ready from the first moment of stopping: a ./lab load on it ends now
			try {
				Files.deleteIfExists(state.readyFile());
			}
			catch (IOException ex) {
				System.out.println("lab: could not remove " + state.readyFile() + ": " + ex.getMessage());
			}
			lab.close();
			System.out.println("lab: stopped");
			stopped.countDown();
		}, "lab-stop"));
		StringBuilder urls = new StringBuilder();
		for (LabService service : LabService.values()) {
			urls.append(String.format("  %-18s %s%n", service.serviceName(), lab.url(service)));
		}
		for (LabTool tool : LabTool.values()) {
			urls.append(String.format("  %-18s %s%n", tool.toolName(), lab.url(tool)));
		}
		urls.append(String.format("  %-18s %s (user postgres)%n", "postgresql", lab.jdbcUrl()));
		Files.writeString(state.readyFile(), urls.toString());
		stopped.await();
		return 0;
	}

}
