package dev.latencylab.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.commons.statistics.descriptive.Median;
import org.springframework.util.FileSystemUtils;

/**
 * {@code ./lab bench --compare agent|recorder}: what one of the lab's instruments costs.
 * Rounds of two throw-away labs on free ports, one without the instrument and one with
 * it, in alternating order (so that a machine that warms or cools over the run does not
 * favour one side): each lab warms at the rate, then checkouts are sent at the same fixed
 * rate (an open model: sent whether or not the last one was answered) and measured. For
 * each lab it prints the checkouts answered, their median and p99, and the CPU time the
 * five applications' JVMs spent per checkout (from each process's own CPU counter, read
 * before and after), Zipkin's apart; then the medians over the rounds and their ratio. A
 * benchmark, not a test: it prints figures and judges nothing.
 */
public final class TelemetryCost {

	/** What can be compared: a lab with everything against one without the part. */
	public enum Part {

		/** The OpenTelemetry Java agent. */
		AGENT(new Telemetry(false, true)),

		/** The flight recorder's continuous recording. */
		RECORDER(new Telemetry(true, false));

		private final Telemetry without;

		Part(Telemetry without) {
			this.without = without;
		}

	}

	/**
	 * How to compare.
	 *
	 * @param part what is switched off and on
	 * @param rounds how many pairs of labs
	 * @param rate checkouts per second
	 * @param warm seconds of checkouts before measuring
	 * @param measured seconds of checkouts measured
	 */
	public record Plan(Part part, int rounds, double rate, Duration warm, Duration measured) {

		public Plan {
			if (rounds < 1 || rounds > 10) {
				throw new LabException("--rounds takes 1 to 10");
			}
			if (!(rate > 0 && rate <= 50)) {
				throw new LabException("--rate takes (0, 50] checkouts a second");
			}
			if (measured.toSeconds() < 10 || measured.toSeconds() > 1800 || warm.isNegative()
					|| warm.toSeconds() > 1800) {
				throw new LabException("--seconds takes 10 to 1800, --warm 0 to 1800");
			}
		}

	}

	/**
	 * One lab's figures.
	 *
	 * @param with whether the part was on
	 * @param answered checkouts answered below 500
	 * @param failed checkouts answered 500 or more, or not at all
	 * @param p50 median latency, ms
	 * @param p99 99th percentile latency, ms
	 * @param cpuMillisPerCheckout the applications' CPU time per answered checkout, ms
	 * @param zipkinCpuMillisPerCheckout Zipkin's, ms
	 */
	record Run(boolean with, long answered, long failed, double p50, double p99, double cpuMillisPerCheckout,
			double zipkinCpuMillisPerCheckout) {
	}

	private final Plan plan;

	private final Path repository;

	private final Path tools;

	private final String heap;

	private TelemetryCost(Plan plan, Path repository, Path tools, String heap) {
		this.plan = plan;
		this.repository = repository;
		this.tools = tools;
		this.heap = heap;
	}

	/**
	 * Runs the comparison and prints it.
	 * @param plan how to compare
	 * @param repository the repository root
	 * @param tools where the agent and Zipkin jars are
	 * @param heap the maximum heap of each application
	 * @throws IOException when a temporary state directory cannot be made
	 * @throws InterruptedException when interrupted
	 */
	public static void run(Plan plan, Path repository, Path tools, String heap)
			throws IOException, InterruptedException {
		new TelemetryCost(plan, repository, tools, heap).compare();
	}

	private void compare() throws IOException, InterruptedException {
		String name = this.plan.part().name().toLowerCase(Locale.ROOT);
		System.out.printf("bench: %s off and on, %d rounds: %s checkouts a second, %d s warm, %d s measured%n", name,
				this.plan.rounds(), this.plan.rate(), this.plan.warm().toSeconds(), this.plan.measured().toSeconds());
		List<Run> runs = new ArrayList<>();
		for (int round = 1; round <= this.plan.rounds(); round++) {
			// off first in odd rounds, on first in even ones
			boolean[] order = (round % 2 == 1) ? new boolean[] { false, true } : new boolean[] { true, false };
			for (boolean with : order) {
				Run run = measure(with, round);
				runs.add(run);
				System.out.printf("bench: round %d, %s %s: %s%n", round, name, with ? "on" : "off", line(run));
			}
		}
		System.out.printf("%n%-8s %-4s %9s %7s %9s %9s %14s %14s%n", name, "", "answered", "failed", "p50 (ms)",
				"p99 (ms)", "CPU/checkout", "Zipkin CPU");
		for (Run run : runs) {
			System.out.printf("%-8s %-4s %9d %7d %9.1f %9.1f %11.1f ms %11.1f ms%n", name, run.with() ? "on" : "off",
					run.answered(), run.failed(), run.p50(), run.p99(), run.cpuMillisPerCheckout(),
					run.zipkinCpuMillisPerCheckout());
		}
		System.out.printf("%nmedian over %d rounds      %9s %9s %14s%n", this.plan.rounds(), "p50 (ms)", "p99 (ms)",
				"CPU/checkout");
		for (boolean with : new boolean[] { false, true }) {
			System.out.printf("%-8s %-17s %9.1f %9.1f %11.1f ms%n", name, with ? "on" : "off",
					median(runs, with, Run::p50), median(runs, with, Run::p99),
					median(runs, with, Run::cpuMillisPerCheckout));
		}
		System.out.printf("on / off                   %8.2fx %8.2fx %13.2fx%n", ratio(runs, Run::p50),
				ratio(runs, Run::p99), ratio(runs, Run::cpuMillisPerCheckout));
	}

	private Run measure(boolean with, int round) throws IOException, InterruptedException {
		Telemetry telemetry = with ? Telemetry.FULL : this.plan.part().without;
		Path state = Files.createTempDirectory("lab-bench-");
		String label = "round " + round + ", " + (with ? "on" : "off");
		try (LocalLab lab = LocalLab.start(
				new LocalLab.Settings(this.repository, this.tools, state, LabPorts.free(), false, this.heap, telemetry),
				(line) -> System.out.println("bench: " + label + ": " + line))) {
			String gateway = lab.url(LabService.GATEWAY);
			if (!this.plan.warm().isZero()) {
				System.out.printf("bench: %s: warming for %d s%n", label, this.plan.warm().toSeconds());
				send(gateway, this.plan.warm(), new Tally());
			}
			Map<String, Long> pids = lab.pids();
			long cpuBefore = cpuMillis(pids, true);
			long zipkinBefore = cpuMillis(pids, false);
			System.out.printf("bench: %s: measuring for %d s%n", label, this.plan.measured().toSeconds());
			Tally tally = new Tally();
			send(gateway, this.plan.measured(), tally);
			long cpu = cpuMillis(pids, true) - cpuBefore;
			long zipkin = cpuMillis(pids, false) - zipkinBefore;
			long answered = Math.max(1, tally.latencies.n());
			return new Run(with, tally.latencies.n(), tally.failed, tally.latencies.percentile(50),
					tally.latencies.percentile(99), (double) cpu / answered, (double) zipkin / answered);
		}
		finally {
			FileSystemUtils.deleteRecursively(state);
		}
	}

	private void send(String gateway, Duration duration, Tally tally) throws InterruptedException {
		try (CheckoutTraffic traffic = new CheckoutTraffic(gateway, this.plan.rate(), 10, 40, tally::add)) {
			traffic.start();
			TimeUnit.MILLISECONDS.sleep(duration.toMillis());
		}
	}

	/**
	 * @param applications the five applications' JVMs, or else Zipkin's
	 * @return their CPU time so far, from each process's own counter
	 */
	private static long cpuMillis(Map<String, Long> pids, boolean applications) {
		long millis = 0;
		for (LabService service : LabService.values()) {
			if (applications) {
				millis += cpuMillis(pids.get(service.serviceName()));
			}
		}
		if (!applications) {
			millis += cpuMillis(pids.get(LabTool.ZIPKIN.toolName()));
		}
		return millis;
	}

	private static long cpuMillis(Long pid) {
		if (pid == null) {
			throw new LabException("a part of the lab is gone; no figure is right without it");
		}
		return ProcessHandle.of(pid)
			.flatMap((process) -> process.info().totalCpuDuration())
			.map(Duration::toMillis)
			.orElseThrow(() -> new LabException("no CPU time for process " + pid + " (is /proc readable?)"));
	}

	private static String line(Run run) {
		return "%d answered, %d failed, p50 %.1f ms, p99 %.1f ms, %.1f ms CPU a checkout (Zipkin %.1f ms)".formatted(
				run.answered(), run.failed(), run.p50(), run.p99(), run.cpuMillisPerCheckout(),
				run.zipkinCpuMillisPerCheckout());
	}

	private static double median(List<Run> runs, boolean with, Function<Run, Double> figure) {
		return Median.withDefaults()
			.evaluate(runs.stream().filter((run) -> run.with() == with).mapToDouble(figure::apply).toArray());
	}

	private static double ratio(List<Run> runs, Function<Run, Double> figure) {
		return median(runs, true, figure) / median(runs, false, figure);
	}

	/**
	 * The answers of one stretch of checkouts.
	 */
	private static final class Tally {

		private final Latencies latencies = new Latencies();

		private long failed;

		synchronized void add(CheckoutTraffic.Checkout checkout) {
			if (checkout.ok()) {
				this.latencies.add(checkout.millis());
			}
			else {
				this.failed++;
			}
		}

	}

}
