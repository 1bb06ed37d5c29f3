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
	}

	@Test
	void shouldRefuseAPartItCannotSwitch() {
		assertThatExceptionOfType(CommandLine.ParameterException.class)
			.isThrownBy(() -> LabMain.commandLine().parseArgs("bench", "--compare", "zipkin"))
			.satisfies((ex) -> assertThat(ex.getMessage().toLowerCase(java.util.Locale.ROOT)).contains("agent",
					"recorder", "zipkin"));
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

	private static TelemetryCost.Plan plan(int rounds, double rate, long warm, long seconds) {
		return new TelemetryCost.Plan(TelemetryCost.Part.RECORDER, rounds, rate, Duration.ofSeconds(warm),
				Duration.ofSeconds(seconds));
	}

}
