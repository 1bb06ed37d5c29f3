package dev.latencylab.runner.lifecycle;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.latencylab.runner.LabBenchmark;
import dev.latencylab.runner.LabException;
import dev.latencylab.runner.LabMain;
import dev.latencylab.runner.Telemetry;
import dev.latencylab.runner.TelemetryCost;

/**
 * {@code ./lab bench}: a cold start of a second, throw-away lab on free ports, measured.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
		description = { "Measure a cold start and what every process took for it (docs/benchmarks.md).",
				"A fresh lab on free ports in a temporary folder: seconds until every part is healthy and warm,",
				"the memory of every process and the CPU time it spent until then; then it stops again." })
public class Bench implements Callable<Integer> {

	@Option(names = "--no-agent", description = "the applications without the OpenTelemetry agent")
	boolean noAgent;

	@Option(names = "--no-recorder", description = "the applications without the flight recorder's recording")
	boolean noRecorder;

	@Option(names = "--compare", paramLabel = "PART",
			description = "agent, recorder or profiler (live async-profiler captures on the four services, back to "
					+ "back): rounds of two labs, without and with it, under the same checkouts; "
					+ "prints latency and CPU per checkout of each, the throughput a ramp reaches within a p99, "
					+ "and their ratio (instead of a cold start)")
	TelemetryCost.Part compare;

	@Option(names = "--rounds", defaultValue = "3", description = "with --compare: pairs of labs (default 3)")
	int rounds;

	@Option(names = "--rate", defaultValue = "8", description = "with --compare: checkouts a second (default 8)")
	double rate;

	@Option(names = "--warm", defaultValue = "60",
			description = "with --compare: seconds of checkouts before measuring (default 60)")
	long warm;

	@Option(names = "--seconds", defaultValue = "120", description = "with --compare: seconds measured (default 120)")
	long seconds;

	@Option(names = "--p99", defaultValue = "250",
			description = "with --compare: the p99 in ms that the ramp holds to (default ${DEFAULT-VALUE})")
	double p99;

	@Option(names = "--ramp-to", defaultValue = "40",
			description = "with --compare: the ramp's highest rate, in steps of half --rate; 0 for no ramp "
					+ "(default ${DEFAULT-VALUE})")
	double rampTo;

	@Option(names = "--step", defaultValue = "30",
			description = "with --compare: seconds of each step of the ramp (default ${DEFAULT-VALUE})")
	long step;

	/**
	 * @return the part {@code --compare} names, if it was given
	 */
	public Optional<TelemetryCost.Part> compareAsked() {
		return Optional.ofNullable(this.compare);
	}

	/**
	 * @return the comparison asked for, as it will run
	 */
	public TelemetryCost.Plan plan() {
		return new TelemetryCost.Plan(this.compare, this.rounds, this.rate, Duration.ofSeconds(this.warm),
				Duration.ofSeconds(this.seconds), this.p99, this.rampTo, Duration.ofSeconds(this.step));
	}

	@Override
	public Integer call() throws IOException, InterruptedException {
		Prerequisites.check(System.out);
		if (this.compare != null) {
			if (this.noAgent || this.noRecorder) {
				throw new LabException("--compare switches the part itself; leave out --no-agent and --no-recorder");
			}
			TelemetryCost.run(plan(), LabMain.repository(), LabMain.tools(), LabMain.heap());
			return 0;
		}
		LabBenchmark.run(LabMain.repository(), LabMain.tools(), LabMain.heap(),
				new Telemetry(!this.noAgent, !this.noRecorder));
		return 0;
	}

}
