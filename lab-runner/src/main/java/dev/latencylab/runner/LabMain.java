package dev.latencylab.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The process behind {@code ./lab up}: starts the lab, writes {@code ready} into the
 * state directory with the URLs, and keeps the lab running until it is told to stop
 * (SIGTERM from {@code ./lab down}, or Ctrl-C), then stops everything it started.
 *
 * <p>
 * {@code bench} instead measures a cold start on free ports in a fresh directory: seconds
 * to all-healthy and the resident memory of every process, then stops.
 */
public final class LabMain {

	private LabMain() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		Path repository = Path.of(System.getProperty("lab.repository", ".")).toAbsolutePath().normalize();
		Path tools = Path.of(System.getProperty("lab.tools", repository.resolve("lab-runner/target/tools").toString()));
		String heap = System.getProperty("lab.heap", "256m");
		if (args.length > 0 && args[0].equals("bench")) {
			LabBenchmark.run(repository, tools, heap);
			return;
		}
		Path state = Path.of(System.getProperty("lab.state", repository.resolve(".lab").toString()));
		Files.createDirectories(state);
		Files.deleteIfExists(state.resolve("ready"));
		LocalLab lab;
		try {
			lab = LocalLab.start(new LocalLab.Settings(repository, tools, state, LabPorts.defaults(), true, heap),
					(line) -> System.out.println("lab: " + line));
		}
		catch (RuntimeException ex) {
			System.out.println("lab: FAILED: " + ex.getMessage());
			System.exit(1);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			System.out.println("lab: stopping");
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
		Files.writeString(state.resolve("ready"), urls.toString());
		stopped.await();
	}

}
