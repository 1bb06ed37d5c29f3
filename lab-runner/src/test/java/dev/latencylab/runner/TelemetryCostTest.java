package dev.latencylab.runner;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import dev.latencylab.runner.lifecycle.Bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code ./lab bench --compare}: what a person may ask for, and what is refused before
 * any lab starts.
 */
class TelemetryCostTest {

	@Test
	void shouldReadThePartAsTypedInLowerCase() {
		CommandLine.ParseResult parsed = LabMain.commandLine()
			.parseArgs("bench", "--compare", "agent", "--rounds", "2", "--seconds", "30");

		Bench bench = (Bench) parsed.subcommand().commandSpec().userObject();
		assertThat(bench.compareAsked()).contains(TelemetryCost.Part.AGENT);
		Bench profiler = (Bench) LabMain.commandLine()
			.parseArgs("bench", "--compare", "profiler")
			.subcommand()
			.commandSpec()
			.userObject();
		assertThat(profiler.compareAsked()).contains(TelemetryCost.Part.PROFILER);
	}

	@Test
	void shouldRefuseAPartItCannotSwitch() {
		assertThatExceptionOfType(CommandLine.ParameterException.class)
			.isThrownBy(() -> LabMain.commandLine().parseArgs("bench", "--compare", "zipkin"))
			.satisfies((ex) -> assertThat(ex.getMessage().toLowerCase(java.util.Locale.ROOT)).contains("agent",
					"recorder", "profiler", "zipkin"));
	}

	@Test
	void shouldRefuseAPlanThatMeasuresNothingOrForever() {
		assertThatExceptionOfType(LabException.class).isThrownBy(() -> plan(0, 8, 60, 120))
			.withMessageContaining("--rounds");
		assertThatExceptionOfType(LabException.class).isThrownBy(() -> plan(3, 0, 60, 120))
			.withMessageContaining("--rate");
		assertThatExceptionOfType(LabException.class).isThrownBy(() -> plan(3, 8, 60, 5))
			.withMessageContaining("--seconds");
		assertThatExceptionOfType(LabException.class).isThrownBy(() -> plan(3, 8, -1, 120))
			.withMessageContaining("--warm");
		assertThat(plan(3, 8, 0, 10).rounds()).isEqualTo(3);
	}

	@Test
	void shouldRampInStepsOfHalfTheRateUpToTheHighestAsked() {
		assertThat(ramp(8, 40).rampRates()).containsExactly(12.0, 16.0, 20.0, 24.0, 28.0, 32.0, 36.0, 40.0);
		assertThat(ramp(10, 24).rampRates()).containsExactly(15.0, 20.0);
		assertThat(ramp(8, 0).rampRates()).isEmpty();
	}

	@Test
	void shouldReadTheRampAsTyped() {
		CommandLine.ParseResult parsed = LabMain.commandLine()
			.parseArgs("bench", "--compare", "agent", "--p99", "300", "--ramp-to", "24", "--step", "20");

		Bench bench = (Bench) parsed.subcommand().commandSpec().userObject();
		assertThat(bench.compareAsked()).contains(TelemetryCost.Part.AGENT);
		assertThat(bench.plan().rampRates()).containsExactly(12.0, 16.0, 20.0, 24.0);
		assertThat(bench.plan().p99Millis()).isEqualTo(300);
		assertThat(bench.plan().step()).isEqualTo(Duration.ofSeconds(20));
	}

	@Test
	void shouldRefuseARampThatCannotTellAnything() {
		assertThatExceptionOfType(LabException.class).isThrownBy(() -> ramp(8, 6)).withMessageContaining("--ramp-to");
		assertThatExceptionOfType(LabException.class).isThrownBy(() -> ramp(8, 500)).withMessageContaining("--ramp-to");
		assertThatExceptionOfType(LabException.class)
			.isThrownBy(() -> new TelemetryCost.Plan(TelemetryCost.Part.AGENT, 3, 8, Duration.ZERO,
					Duration.ofSeconds(60), 5, 40, Duration.ofSeconds(30)))
			.withMessageContaining("--p99");
		assertThatExceptionOfType(LabException.class)
			.isThrownBy(() -> new TelemetryCost.Plan(TelemetryCost.Part.AGENT, 3, 8, Duration.ZERO,
					Duration.ofSeconds(60), 250, 40, Duration.ofSeconds(5)))
			.withMessageContaining("--step");
	}

	private static TelemetryCost.Plan ramp(double rate, double rampTo) {
		return new TelemetryCost.Plan(TelemetryCost.Part.AGENT, 3, rate, Duration.ZERO, Duration.ofSeconds(60), 250,
				rampTo, Duration.ofSeconds(30));
	}

	private static TelemetryCost.Plan plan(int rounds, double rate, long warm, long seconds) {
		return new TelemetryCost.Plan(TelemetryCost.Part.RECORDER, rounds, rate, Duration.ofSeconds(warm),
				Duration.ofSeconds(seconds));
	}

}
