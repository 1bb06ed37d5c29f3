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
 * {@code ./lab bench --compare agent|recorder|profiler}: what one of the lab's
 * instruments costs. Rounds of two throw-away labs on free ports, one without the
 * instrument and one with it, in alternating order (so that a machine that warms or cools
 * over the run does not favour one side): each lab warms at the rate, then checkouts are
 * sent at the same fixed rate (an open model: sent whether or not the last one was
 * answered) and measured. For each lab it prints the checkouts answered, their median and
 * p99, and the CPU time the five applications' JVMs spent per checkout (from each
 * process's own CPU counter, read before and after), Zipkin's apart. Then a ramp: steps
 * of half the rate more each, until a step's p99 is over the target or more than 1 % of
 * its checkouts fail; the last step within it gives the throughput at that p99 (checkouts
 * answered per second). The gateway's admission control is off in these labs, or the ramp
 * would measure its shedding. Last, the medians over the rounds and their ratio. A
 * benchmark, not a test: it prints figures and judges nothing.
 */
public final class TelemetryCost {

	/** What can be compared: a lab with everything against one without the part. */
	public enum Part {

		/** The OpenTelemetry Java agent. */
		AGENT(new Telemetry(false, true), false),

		/** The flight recorder's continuous recording. */
		RECORDER(new Telemetry(true, false), false),

		/**
		 * Live async-profiler captures on the four services, back to back (both labs with
		 * the agent and the flight recorder).
		 */
		PROFILER(Telemetry.FULL, true);

		private final Telemetry without;

		private final boolean liveCaptures;

		Part(Telemetry without, boolean liveCaptures) {
			this.without = without;
			this.liveCaptures = liveCaptures;
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
	 * @param p99Millis the p99 the ramp holds to, ms
	 * @param rampTo the ramp's highest rate, checkouts per second; 0 for no ramp
	 * @param step how long each step of the ramp lasts
	 */
	public record Plan(Part part, int rounds, double rate, Duration warm, Duration measured, double p99Millis,
			double rampTo, Duration step) {

		/**
		 * A plan without a ramp.
		 * @param part what is switched off and on
		 * @param rounds how many pairs of labs
		 * @param rate checkouts per second
		 * @param warm seconds of checkouts before measuring
		 * @param measured seconds of checkouts measured
		 */
		public Plan(Part part, int rounds, double rate, Duration warm, Duration measured) {
			this(part, rounds, rate, warm, measured, 250, 0, Duration.ofSeconds(30));
		}

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
			if (!(p99Millis >= 10 && p99Millis <= 10_000)) {
				throw new LabException("--p99 takes 10 to 10000 ms");
			}
			if (rampTo != 0 && !(rampTo > rate && rampTo <= 200)) {
				throw new LabException("--ramp-to takes 0 (no ramp) or a rate above --rate, up to 200");
			}
			if (step.toSeconds() < 10 || step.toSeconds() > 300) {
				throw new LabException("--step takes 10 to 300 seconds");
			}
		}

		/**
		 * @return the offered rates of the ramp's steps, lowest first; none without a
		 * ramp
		 */
		List<Double> rampRates() {
			List<Double> rates = new ArrayList<>();
			for (double next = this.rate * 1.5; this.rampTo > 0 && next <= this.rampTo + 1e-9; next += this.rate / 2) {
				rates.add(next);
			}
			return rates;
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
	 * @param throughput checkouts answered per second in the ramp's last step within the
	 * p99 (or at the fixed rate, when no step was); 0 when not even that held
	 */
	record Run(boolean with, long answered, long failed, double p50, double p99, double cpuMillisPerCheckout,
			double zipkinCpuMillisPerCheckout, double throughput) {
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
		System.out.printf("bench: %s off and on, %d rounds: %s checkouts a second, %d s warm, %d s measured%s%n", name,
				this.plan.rounds(), this.plan.rate(), this.plan.warm().toSeconds(), this.plan.measured().toSeconds(),
				this.plan.rampRates().isEmpty() ? "" : "; then steps of %d s up to %s a second while p99 <= %.0f ms"
					.formatted(this.plan.step().toSeconds(), this.plan.rampTo(), this.plan.p99Millis()));
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
		String throughput = "/s at p99<=" + Math.round(this.plan.p99Millis());
		System.out.printf("%n%-8s %-4s %9s %7s %9s %9s %14s %14s %16s%n", name, "", "answered", "failed", "p50 (ms)",
				"p99 (ms)", "CPU/checkout", "Zipkin CPU", throughput);
		for (Run run : runs) {
			System.out.printf("%-8s %-4s %9d %7d %9.1f %9.1f %11.1f ms %11.1f ms %16.1f%n", name,
					run.with() ? "on" : "off", run.answered(), run.failed(), run.p50(), run.p99(),
					run.cpuMillisPerCheckout(), run.zipkinCpuMillisPerCheckout(), run.throughput());
		}
		System.out.printf("%nmedian over %d rounds      %9s %9s %14s %16s%n", this.plan.rounds(), "p50 (ms)",
				"p99 (ms)", "CPU/checkout", throughput);
		for (boolean with : new boolean[] { false, true }) {
			System.out.printf("%-8s %-17s %9.1f %9.1f %11.1f ms %16.1f%n", name, with ? "on" : "off",
					median(runs, with, Run::p50), median(runs, with, Run::p99),
					median(runs, with, Run::cpuMillisPerCheckout), median(runs, with, Run::throughput));
		}
		System.out.printf("on / off                   %9s %9s %14s %16s%n", ratio(runs, Run::p50),
				ratio(runs, Run::p99), ratio(runs, Run::cpuMillisPerCheckout), ratio(runs, Run::throughput));
	}

	private Run measure(boolean with, int round) throws IOException, InterruptedException {
		Telemetry telemetry = with ? Telemetry.FULL : this.plan.part().without;
		Path state = Files.createTempDirectory("lab-bench-");
		String label = "round " + round + ", " + (with ? "on" : "off");
		try (LocalLab lab = LocalLab.start(new LocalLab.Settings(this.repository, this.tools, state, LabPorts.free(),
				false, this.heap, telemetry, false), (line) -> System.out.println("bench: " + label + ": " + line))) {
			String gateway = lab.url(LabService.GATEWAY);
			try (LiveCaptures captures = (with && this.plan.part().liveCaptures) ? LiveCaptures.start(lab) : null) {
				Run run = measure(lab, gateway, with, label);
				if (captures != null) {
					System.out.printf("bench: %s: %d live captures of %d s ended%n", label, captures.done(),
							LiveCaptures.SECONDS);
				}
				return run;
			}
		}
		finally {
			FileSystemUtils.deleteRecursively(state);
		}
	}

	private Run measure(LocalLab lab, String gateway, boolean with, String label) throws InterruptedException {
		if (!this.plan.warm().isZero()) {
			System.out.printf("bench: %s: warming for %d s%n", label, this.plan.warm().toSeconds());
			send(gateway, this.plan.rate(), this.plan.warm(), new Tally());
		}
		Map<String, Long> pids = lab.pids();
		long cpuBefore = cpuMillis(pids, true);
		long zipkinBefore = cpuMillis(pids, false);
		System.out.printf("bench: %s: measuring for %d s%n", label, this.plan.measured().toSeconds());
		Tally tally = new Tally();
		double perSecond = send(gateway, this.plan.rate(), this.plan.measured(), tally);
		long cpu = cpuMillis(pids, true) - cpuBefore;
		long zipkin = cpuMillis(pids, false) - zipkinBefore;
		long answered = Math.max(1, tally.latencies.n());
		double throughput = tally.within(this.plan.p99Millis()) ? perSecond : 0;
		for (double rate : this.plan.rampRates()) {
			Tally step = new Tally();
			double stepPerSecond = send(gateway, rate, this.plan.step(), step);
			boolean within = step.within(this.plan.p99Millis());
			System.out.printf("bench: %s: ramp at %.1f a second: %.1f answered a second, p99 %.1f ms, %d failed%s%n",
					label, rate, stepPerSecond, step.latencies.percentile(99), step.failed,
					within ? "" : ": over, the ramp stops");
			if (!within) {
				break;
			}
			throughput = stepPerSecond;
		}
		return new Run(with, tally.latencies.n(), tally.failed, tally.latencies.percentile(50),
				tally.latencies.percentile(99), (double) cpu / answered, (double) zipkin / answered, throughput);
	}

	/**
	 * @return checkouts answered per second, over the stretch and the wait for the last
	 * answers
	 */
	private static double send(String gateway, double rate, Duration duration, Tally tally)
			throws InterruptedException {
		long started = System.nanoTime();
		try (CheckoutTraffic traffic = new CheckoutTraffic(gateway, rate, 10, 40, tally::add)) {
			traffic.start();
			TimeUnit.MILLISECONDS.sleep(duration.toMillis());
		}
		return tally.latencies.n() / ((System.nanoTime() - started) / 1e9);
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
		return LabProcesses.cpuTime(pid)
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

	/**
	 * @return on over off, e.g. {@code 1.23x}; a dash when off's figure is 0 (the ramp
	 * found no rate within the p99)
	 */
	private static String ratio(List<Run> runs, Function<Run, Double> figure) {
		double off = median(runs, false, figure);
		return (off > 0) ? "%.2fx".formatted(median(runs, true, figure) / off) : "-";
	}

	/**
	 * The answers of one stretch of checkouts.
	 */
	private static final class Tally {

		private final Latencies latencies = new Latencies();

		private long failed;

		/**
		 * @param p99Millis the p99 to hold to
		 * @return whether the p99 held and no more than 1 % failed
		 */
		synchronized boolean within(double p99Millis) {
			long all = this.latencies.n() + this.failed;
			return this.latencies.n() > 0 && this.latencies.percentile(99) <= p99Millis && this.failed <= 0.01 * all;
		}

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
