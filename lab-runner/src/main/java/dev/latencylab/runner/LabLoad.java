package dev.latencylab.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./lab load}: steady background checkouts through the gateway, bounded in rate
 * and duration, with a line of figures every 10 s. A third of the orders buy one of a few
 * hot products (where the inventory faults act); the rest spread over the catalogue. With
 * a simulation's name, a Gatling run of load-tests/ instead, through the Maven wrapper.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
		description = { "Drive checkouts through the gateway, or run a Gatling simulation.",
				"Without SIMULATION: steady checkouts with a line of figures every 10 s, until --duration is up or",
				"the lab goes down (./lab down). With one (steady, spike,",
				"stress, canary): a Gatling run of load-tests/ with its HTML report (load-tests/README.md)." })
public final class LabLoad implements Callable<Integer> {

	private static final Map<String, String> SIMULATIONS = Map.of("steady", "SteadyCheckoutSimulation", "spike",
			"SpikeHuntSimulation", "stress", "StressSimulation", "canary", "CanarySimulation");

	@Parameters(arity = "0..1", paramLabel = "SIMULATION",
			description = "steady, spike, stress or canary: a Gatling simulation instead of the steady checkouts")
	String simulation;

	@Option(names = "--gateway", paramLabel = "URL", description = "the gateway (default: the running lab's)")
	String gateway;

	@Option(names = "--rate", description = "checkouts per second (default 4)")
	Double rate;

	@Option(names = "--duration", description = "seconds (default 600; a simulation's own default for Gatling)")
	Long duration;

	@Option(names = "--hot-skus", defaultValue = "10", description = "number of hot products, SKU-00001 on (1 to 100)")
	int hotSkus;

	@Option(names = "--long-email-every", defaultValue = "40",
			description = "every N-th order has a long email address with a plus tag (what the regex fault trips on)")
	int longEmailEvery;

	@Option(names = "-D", paramLabel = "NAME=VALUE",
			description = "a property of the Gatling simulation, e.g. -DbaseUrl=http://localhost:8080 (compose)")
	Map<String, String> properties = new LinkedHashMap<>();

	@Override
	public Integer call() throws InterruptedException, IOException {
		if (this.simulation != null) {
			return gatling();
		}
		if (!this.properties.isEmpty()) {
			throw new LabException("-D properties are for a Gatling simulation: ./lab load steady -D...");
		}
		double rate = (this.rate != null) ? this.rate : 4;
		long duration = (this.duration != null) ? this.duration : 600;
		if (duration <= 0 || duration > 24 * 3600) {
			throw new LabException("--duration takes (0, 86400] seconds");
		}
		// the running lab's gateway: then the load ends with that lab, not only with its
		// duration
		LabState lab = (this.gateway != null) ? null : LabState.current();
		String gateway = (lab != null) ? lab.url("gateway") : this.gateway;
		Tally tally = new Tally();
		CheckoutTraffic traffic;
		try {
			traffic = new CheckoutTraffic(gateway, rate, this.hotSkus, this.longEmailEvery, tally::add);
		}
		catch (IllegalArgumentException ex) {
			throw new LabException(ex.getMessage());
		}
		System.out.printf("load: %s checkouts a second through %s for %d s%n", rate, gateway, duration);
		ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor();
		reporter.scheduleAtFixedRate(tally::printWindow, 10, 10, TimeUnit.SECONDS);
		Optional<Early> ended;
		try (traffic) {
			traffic.start();
			ended = runFor(duration, lab);
		}
		finally {
			reporter.shutdownNow();
		}
		tally.printLastWindow();
		tally.printAll();
		ended.ifPresent((early) -> System.out.println("load: stopped early: " + early.why()));
		return ended.map(Early::exit).orElse(0);
	}

	/**
	 * Waits out the duration, or until the lab the load drives is no longer running: a
	 * load left running in another terminal would otherwise go on failing every checkout
	 * after {@code ./lab down}, for up to its whole duration.
	 * @param seconds how long
	 * @param lab the lab whose gateway the load drives, or {@code null} for a gateway
	 * given by URL
	 * @return why it ended early, if it did
	 */
	private static Optional<Early> runFor(long seconds, LabState lab) throws InterruptedException {
		if (lab == null) {
			TimeUnit.SECONDS.sleep(seconds);
			return Optional.empty();
		}
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (System.nanoTime() < end) {
			TimeUnit.MILLISECONDS.sleep(Math.min(1_000, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()) + 1));
			if (!Files.isRegularFile(lab.readyFile())) {
				return Optional.of(new Early("the lab went down (./lab down)", 0));
			}
			if (lab.supervisor().isEmpty()) {
				return Optional
					.of(new Early("the lab's supervisor is gone (./lab status; ./lab down stops what is left)", 1));
			}
		}
		return Optional.empty();
	}

	/**
	 * Why a load ended before its duration, and its exit status: 0 after
	 * {@code ./lab down}, 1 when the lab broke under it.
	 */
	private record Early(String why, int exit) {
	}

	/**
	 * What the answers were: every ten seconds, and over the whole run. A checkout the
	 * gateway shed (503 {@code overloaded}) is counted apart: its few milliseconds would
	 * hide what the admitted ones took.
	 */
	private static final class Tally {

		private static final String SHED = "shed by the gateway (503 overloaded, docs/reliability.md#overload)";

		private final Latencies window = new Latencies();

		// the last million of a long run
		private final Latencies all = new Latencies(1_000_000);

		private int ok;

		private int failed;

		private int shed;

		private int okInAll;

		private int failedInAll;

		private int shedInAll;

		synchronized void add(CheckoutTraffic.Checkout checkout) {
			if (checkout.shed()) {
				this.shed++;
				this.shedInAll++;
				return;
			}
			this.window.add(checkout.millis());
			this.all.add(checkout.millis());
			if (checkout.ok()) {
				this.ok++;
				this.okInAll++;
			}
			else {
				this.failed++;
				this.failedInAll++;
			}
		}

		synchronized void printWindow() {
			String shedText = (this.shed > 0) ? "; %d more %s".formatted(this.shed, SHED) : "";
			if (this.window.n() == 0) {
				System.out.println((this.shed > 0) ? "load: none admitted in the last 10 s" + shedText
						: "load: no answers in the last 10 s");
			}
			else {
				System.out.printf("load: %d answers (%d ok, %d failed), p50 %.0f ms, p99 %.0f ms, max %.0f ms%s%n",
						this.window.n(), this.ok, this.failed, this.window.percentile(50), this.window.percentile(99),
						this.window.max(), shedText);
			}
			this.window.clear();
			this.ok = 0;
			this.failed = 0;
			this.shed = 0;
		}

		/**
		 * The last stretch, unless the reporter's last tick just took it: an empty window
		 * at the very end says nothing about the lab.
		 */
		synchronized void printLastWindow() {
			if (this.window.n() > 0 || this.shed > 0) {
				printWindow();
			}
		}

		synchronized void printAll() {
			int answered = this.okInAll + this.failedInAll;
			int sent = answered + this.shedInAll;
			if (answered == 0) {
				System.out.printf("load: in all %d answers, %d %s%n", sent, this.shedInAll, SHED);
				return;
			}
			System.out.printf(
					"load: in all %d answers: %d admitted (%d ok, %d failed), p50 %.0f ms, p99 %.0f ms, max %.0f ms; "
							+ "%d shed (%.1f %%)%n",
					sent, answered, this.okInAll, this.failedInAll, this.all.percentile(50), this.all.percentile(99),
					this.all.max(), this.shedInAll, 100.0 * this.shedInAll / sent);
		}

	}

	/**
	 * A Gatling simulation of load-tests/ through the Maven wrapper, against the running
	 * lab's gateway unless {@code -DbaseUrl} names another; then where its report is.
	 */
	private int gatling() throws IOException, InterruptedException {
		String simulationClass = SIMULATIONS.get(this.simulation);
		if (simulationClass == null) {
			throw new LabException("no simulation '" + this.simulation + "'; there are steady, spike, stress, canary");
		}
		Map<String, String> properties = new LinkedHashMap<>(this.properties);
		if (this.rate != null) {
			properties.put("rate", String.valueOf(this.rate));
		}
		if (this.duration != null) {
			properties.put("duration", String.valueOf(this.duration));
		}
		properties.computeIfAbsent("baseUrl",
				(key) -> (this.gateway != null) ? this.gateway : LabState.current().url("gateway"));
		Path repository = LabMain.repository();
		Path results = repository.resolve("load-tests/target/gatling");
		// the Maven plugin names the run it reports on here; an old one must not pass for
		// this run's
		Files.deleteIfExists(results.resolve("lastRun.txt"));
		List<String> command = new ArrayList<>(List.of(repository.resolve("mvnw").toString(), "-B", "-q", "-pl",
				"load-tests", "gatling:test", "-Dgatling.simulationClass=dev.latencylab.load." + simulationClass));
		properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
		System.out
			.println("lab: Gatling " + simulationClass + " against " + properties.get("baseUrl") + " " + properties);
		int status = new ProcessBuilder(command).directory(repository.toFile()).inheritIO().start().waitFor();
		Path lastRun = results.resolve("lastRun.txt");
		if (Files.isRegularFile(lastRun)) {
			Path report = results.resolve(Files.readAllLines(lastRun).get(0).trim()).resolve("index.html");
			if (Files.isRegularFile(report)) {
				System.out.println("lab: report: " + report);
			}
		}
		if (status != 0) {
			throw new LabException(
					"the " + this.simulation + " run failed (an assertion above, or Gatling could not run it)");
		}
		return 0;
	}

}
