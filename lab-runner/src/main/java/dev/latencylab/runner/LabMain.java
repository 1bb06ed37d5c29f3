package dev.latencylab.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Java side of {@code ./lab}: {@code run} starts the lab and keeps it running until
 * SIGTERM ({@code ./lab down}) or Ctrl-C; {@code bench} measures a cold start;
 * {@code load} drives steady checkouts; {@code flags}, {@code switch} and
 * {@code scenarios} talk to the admin API.
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
		subcommands = { LabMain.Run.class, LabMain.Bench.class, LabLoad.class, LabAdmin.Flags.class,
				LabAdmin.Switch.class, LabAdmin.Scenarios.class, LabAdmin.Capture.class },
		description = "The Checkout Latency Lab as local processes.")
public final class LabMain {

	public static void main(String[] args) {
		CommandLine commandLine = new CommandLine(new LabMain());
		// a person gets the reason, not a stack trace
		commandLine.setExecutionExceptionHandler((ex, command, parseResult) -> {
			System.err.println("lab: " + ex.getMessage());
			return 2;
		});
		System.exit(commandLine.execute(args));
	}

	static Path repository() {
		return Path.of(System.getProperty("lab.repository", ".")).toAbsolutePath().normalize();
	}

	static Path tools() {
		return Path.of(System.getProperty("lab.tools", repository().resolve("lab-runner/target/tools").toString()));
	}

	static String heap() {
		return System.getProperty("lab.heap", "256m");
	}

	@Command(name = "run", description = "Start the lab and keep it running until stopped.")
	static class Run implements Callable<Integer> {

		@Override
		public Integer call() throws IOException, InterruptedException {
			Path state = Path.of(System.getProperty("lab.state", repository().resolve(".lab").toString()));
			Files.createDirectories(state);
			Files.deleteIfExists(state.resolve("ready"));
			LocalLab lab;
			try {
				lab = LocalLab.start(
						new LocalLab.Settings(repository(), tools(), state, LabPorts.defaults(), true, heap()),
						(line) -> System.out.println("lab: " + line));
			}
			catch (RuntimeException ex) {
				System.out.println("lab: FAILED: " + ex.getMessage());
				return 1;
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
			return 0;
		}

	}

	@Command(name = "bench", description = "Measure a cold start: seconds to all healthy, memory of every process.")
	static class Bench implements Callable<Integer> {

		@Override
		public Integer call() throws IOException {
			LabBenchmark.run(repository(), tools(), heap());
			return 0;
		}

	}

	/**
	 * Options shared by the commands that talk to a running lab's admin API.
	 */
	static class AdminTarget {

		@Option(names = "--url", required = true,
				description = "base URL of any lab service, e.g. http://127.0.0.1:8081")
		String url;

		@Option(names = "--token-file", required = true, description = "file holding the lab's admin token")
		Path tokenFile;

		String token() throws IOException {
			return Files.readString(this.tokenFile).trim();
		}

	}

	/**
	 * A flag change on the command line: {@code on}, {@code off} or a percentage such as
	 * {@code 10%}.
	 */
	record Change(String variant, Integer percent) {

		static Change parse(String text) {
			if (text.endsWith("%")) {
				return new Change(null, Integer.parseInt(text.substring(0, text.length() - 1)));
			}
			return new Change(text, null);
		}

	}

}
