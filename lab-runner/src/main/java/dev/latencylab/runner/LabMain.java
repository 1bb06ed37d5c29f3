package dev.latencylab.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The process behind {@code ./lab up}: starts the lab, writes {@code ready} into the
 * state directory with the URLs, and keeps the lab running until it is told to stop
 * (SIGTERM from {@code ./lab down}, or Ctrl-C), then stops everything it started.
 */
public final class LabMain {

	private LabMain() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		Path repository = Path.of(System.getProperty("lab.repository", ".")).toAbsolutePath().normalize();
		Path state = Path.of(System.getProperty("lab.state", repository.resolve(".lab").toString()));
		Files.createDirectories(state);
		Files.deleteIfExists(state.resolve("ready"));
		LabPorts ports = LabPorts.defaults();
		String heap = System.getProperty("lab.heap", "384m");
		LocalLab lab;
		try {
			lab = LocalLab.start(new LocalLab.Settings(repository, state, ports, true, heap),
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
		urls.append(String.format("  %-18s %s (user postgres)%n", "postgresql", lab.jdbcUrl()));
		Files.writeString(state.resolve("ready"), urls.toString());
		System.out.println("lab: ready\n" + urls);
		stopped.await();
	}

}
