package dev.latencylab.runner.lifecycle;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.latencylab.kit.BlindDrill;
import dev.latencylab.kit.FlagFile;
import dev.latencylab.runner.LabException;
import dev.latencylab.runner.LabMain;
import dev.latencylab.runner.LabState;
import dev.latencylab.runner.Telemetry;

/**
 * {@code ./lab up}: builds what is missing, then starts the supervisor in the background
 * (in a session of its own, so that closing the terminal or Ctrl-C does not stop the lab)
 * and shows its progress until every part is healthy and warm.
 */
@Command(name = "up", mixinStandardHelpOptions = true, description = {
		"Start the lab, and wait until every part is healthy and warm.",
		"PostgreSQL, Zipkin, Prometheus, Alertmanager, the services, the gateway and the diagnosis toolkit",
		"run as local processes on 127.0.0.1 (built first if a jar is missing). Prints progress, then the URLs.",
		"A default port another program holds is replaced by a free one, and said so." })
public class Up implements Callable<Integer> {

	/** A cold start on two cores takes 1-2 minutes; a lab that needs more is broken. */
	private static final Duration READY_WITHIN = Duration.ofMinutes(8);

	@Option(names = "--no-agent",
			description = "without the OpenTelemetry agent: no traces (to measure what it costs, docs/benchmarks.md)")
	boolean noAgent;

	@Option(names = "--no-recorder",
			description = "without the flight recorder's continuous recording: no recent profiles (to measure what it costs)")
	boolean noRecorder;

	@Override
	public Integer call() {
		start(LabState.current(), System.out, new Telemetry(!this.noAgent, !this.noRecorder));
		return 0;
	}

	/**
	 * Starts the lab, with all its telemetry, unless it runs, and waits until it is
	 * ready.
	 * @param state the lab's state directory
	 * @param out where progress goes
	 */
	public static void start(LabState state, PrintStream out) {
		start(state, out, Telemetry.FULL);
	}

	/**
	 * Starts the lab unless it runs, and waits until it is ready.
	 * @param state the lab's state directory
	 * @param out where progress goes
	 * @param telemetry which instruments the applications run with
	 */
	public static void start(LabState state, PrintStream out, Telemetry telemetry) {
		long started = System.nanoTime();
		Optional<ProcessHandle> running = state.supervisor();
		if (running.isPresent()) {
			out.println("lab: already running (pid " + running.get().pid() + "):");
			out.print(readyText(state));
			return;
		}
		Map<ProcessHandle, String> leftovers = Leftovers.of(state);
		if (!leftovers.isEmpty()) {
			out.println("lab: stopping " + leftovers.size() + " processes left from an earlier run: "
					+ String.join(", ", leftovers.values()));
			Leftovers.stop(leftovers, Duration.ofSeconds(15));
		}
		Prerequisites.check(out);
		Map<String, Integer> ports = PortPlan.resolve(out);
		Process supervisor = launch(state, ports, telemetry);
		out.println("lab: starting (pid " + supervisor.pid() + "); progress below, full log in " + state.labLog());
		follow(state, supervisor, out);
		out.println("lab: ready after " + (System.nanoTime() - started) / 1_000_000_000 + " s:");
		out.print(readyText(state));
		out.println("lab: try a checkout:");
		out.print(checkoutHint(state.urls().get("gateway")));
		switchedOn(state).ifPresent(out::println);
		out.println("lab: then ./lab demo --blind for a drill (runbooks/find-the-spike.md); ./lab help for the rest");
	}

	private static Process launch(LabState state, Map<String, Integer> ports, Telemetry telemetry) {
		try {
			Files.createDirectories(state.directory());
			Files.deleteIfExists(state.readyFile());
			Files.writeString(state.labLog(), "");
			StringBuilder portLines = new StringBuilder();
			ports.forEach((part, port) -> portLines.append(part).append(' ').append(port).append('\n'));
			Files.writeString(state.portsFile(), portLines);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> command = new ArrayList<>();
		// a session of its own: no terminal's hang-up or Ctrl-C reaches it, and every
		// part
		// it starts is in its process group
		Prerequisites.executable("setsid").ifPresent(command::add);
		command.addAll(List.of(javaCommand(), "-Xmx192m", "-Dlab.repository=" + LabMain.repository(),
				"-Dlab.state=" + state.directory(), "-Dlab.tools=" + LabMain.tools(), "-Dlab.heap=" + LabMain.heap()));
		command.addAll(telemetry.systemProperties());
		command.addAll(List.of("-jar", LabMain.jar().toString(), "run"));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(state.labLog().toFile()))
			.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
		builder.environment().putAll(PortPlan.environment(ports));
		try {
			return builder.start();
		}
		catch (IOException ex) {
			throw new LabException("could not start the lab: " + ex.getMessage());
		}
	}

	/**
	 * Shows the supervisor's progress lines until the lab is ready, or says why it is
	 * not.
	 */
	private static void follow(LabState state, Process supervisor, PrintStream out) {
		int shown = 0;
		long deadline = System.nanoTime() + READY_WITHIN.toNanos();
		while (true) {
			List<String> lines = progress(state.labLog());
			for (String line : lines.subList(Math.min(shown, lines.size()), lines.size())) {
				out.println(line);
			}
			shown = Math.max(shown, lines.size());
			if (Files.isRegularFile(state.readyFile())) {
				return;
			}
			if (!supervisor.isAlive()) {
				throw new LabException("the lab did not start; see " + state.labLog() + " and " + state.logs());
			}
			if (System.nanoTime() > deadline) {
				throw new LabException("the lab was not ready within " + READY_WITHIN.toMinutes()
						+ " minutes; ./lab down stops what started; see " + state.labLog());
			}
			try {
				supervisor.waitFor(500, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new LabException("interrupted; the lab goes on starting in the background (./lab status)");
			}
		}
	}

	/**
	 * The flags of the catalogue that a kept lab still has on: a fault left on before the
	 * last ./lab down is on again, and says so rather than surprise.
	 */
	private static Optional<String> switchedOn(LabState state) {
		FlagFile flags = state.flags();
		if (!flags.servedValue(BlindDrill.FLAG).isEmpty()) {
			return Optional.of("lab: a blind drill is still on: ./lab answer SERVICE CAUSE, or ./lab reveal");
		}
		List<String> on = flags.list()
			.stream()
			.filter((flag) -> BlindDrill.hides(flag.key()))
			.filter((flag) -> flag.percentOn() != null || "on".equals(flag.defaultVariant()))
			.map((flag) -> flag.key() + ((flag.percentOn() != null) ? " (" + flag.percentOn() + "%)" : ""))
			.toList();
		return on.isEmpty() ? Optional.empty() : Optional
			.of("lab: still on from before: " + String.join(", ", on) + " (./lab flags; ./lab fault NAME off)");
	}

	private static List<String> progress(Path log) {
		try {
			return Files.readAllLines(log).stream().filter((line) -> line.startsWith("lab: ")).toList();
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	static String readyText(LabState state) {
		try {
			return Files.readString(state.readyFile());
		}
		catch (IOException ex) {
			return "  (starting: ./lab status)\n";
		}
	}

	private static String checkoutHint(String gateway) {
		return """
				  curl -s -X POST %s/api/checkout -H 'Content-Type: application/json' -H "Idempotency-Key: order-$RANDOM$RANDOM" \\
				    -d '{"customerId":"alice","email":"alice@example.com","lines":[{"sku":"SKU-00001","quantity":1}],
				         "card":{"number":"4111111111111111","expiry":"12/39"},
				         "shippingAddress":{"line1":"1 Main St","city":"Berlin","postalCode":"10115","country":"DE"},
				         "billingAddress":{"line1":"1 Main St","city":"Berlin","postalCode":"10115","country":"DE"}}'
				"""
			.formatted(gateway);
	}

	static String javaCommand() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
