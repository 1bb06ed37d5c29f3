package dev.latencylab.runner.lifecycle;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.latencylab.runner.LabException;
import dev.latencylab.runner.LabState;

/**
 * {@code ./lab logs PART}: the last lines of a part's log, then what it writes next.
 */
@Command(name = "logs", mixinStandardHelpOptions = true, description = { "Show a part's log and follow it.",
		"Parts: gateway, checkout-service, ..., zipkin, prometheus, alertmanager, toolkit, load." })
public class Logs implements Callable<Integer> {

	@Parameters(paramLabel = "PART", description = "the part, e.g. checkout-service")
	String part;

	@Option(names = { "-n", "--lines" }, defaultValue = "100",
			description = "how many of the last lines to show first (default ${DEFAULT-VALUE})")
	int lines;

	@Option(names = "--no-follow", description = "show the last lines and stop, rather than follow the log")
	boolean noFollow;

	@Override
	public Integer call() throws IOException, InterruptedException {
		LabState state = LabState.current();
		Path file = state.log(this.part);
		if (!this.part.matches("[a-z-]+") || !Files.isRegularFile(file)) {
			throw new LabException("no log for '" + this.part + "' in " + state.logs() + " (there are: "
					+ String.join(", ", known(state)) + ")");
		}
		List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
		all.subList(Math.max(0, all.size() - this.lines), all.size()).forEach(System.out::println);
		if (this.noFollow) {
			return 0;
		}
		try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
			long position = log.length();
			while (true) {
				if (log.length() < position) {
					// started again: the log was truncated
					position = 0;
				}
				if (log.length() > position) {
					log.seek(position);
					byte[] chunk = new byte[(int) Math.min(1 << 20, log.length() - position)];
					log.readFully(chunk);
					position += chunk.length;
					System.out.print(new String(chunk, StandardCharsets.UTF_8));
					System.out.flush();
				}
				// a log file gives no signal when it grows: polled, as tail -f does
				TimeUnit.MILLISECONDS.sleep(250);
			}
		}
	}

	private static List<String> known(LabState state) throws IOException {
		if (!Files.isDirectory(state.logs())) {
			return List.of("none yet: ./lab up first");
		}
		try (Stream<Path> files = Files.list(state.logs())) {
			return files.map((f) -> f.getFileName().toString().replaceFirst("\\.log$", "")).sorted().toList();
		}
	}

}
