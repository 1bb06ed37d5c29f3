package dev.latencylab.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The command line each application of the lab is started with: the telemetry a person
 * asked for, and only that.
 */
class LabRecipesTest {

	@TempDir
	Path folder;

	@Test
	void shouldStartEveryApplicationWithTheAgentAndTheRecorderByDefault() throws IOException {
		LabRecipes recipes = recipes(Telemetry.FULL);

		for (LabService service : LabService.values()) {
			LabPart part = recipes.application(service);

			assertThat(part.command()).anyMatch((argument) -> argument.startsWith("-javaagent:"))
				.noneMatch((argument) -> argument.startsWith("--lab.profiler.recent.enabled"));
			assertThat(part.env()).containsEntry("OTEL_SERVICE_NAME", service.serviceName());
		}
	}

	@Test
	void shouldLeaveTheAgentOutWhenAskedAndKeepTheRecorder() throws IOException {
		LabPart fraud = recipes(new Telemetry(false, true)).application(LabService.FRAUD);

		assertThat(fraud.command()).noneMatch((argument) -> argument.startsWith("-javaagent"))
			.noneMatch((argument) -> argument.startsWith("--lab.profiler.recent.enabled"))
			.contains("-jar");
	}

	@Test
	void shouldTurnTheRecorderOffWhenAskedAndKeepTheAgent() throws IOException {
		LabPart payment = recipes(new Telemetry(true, false)).application(LabService.PAYMENT);

		assertThat(payment.command()).anyMatch((argument) -> argument.startsWith("-javaagent:"))
			.contains("--lab.profiler.recent.enabled=false");
	}

	@Test
	void shouldNotNeedTheAgentsJarWithoutTheAgent() throws IOException {
		LabRecipes without = recipes(new Telemetry(false, false), false);
		LabRecipes with = recipes(Telemetry.FULL, false);

		assertThat(without.application(LabService.GATEWAY).command()).contains("--lab.profiler.recent.enabled=false");
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> with.application(LabService.GATEWAY))
			.withMessageContaining("build the lab first");
	}

	@Test
	void shouldTurnTheGatewaysAdmissionOffOnlyWhenABenchmarkAsks() throws IOException {
		assertThat(recipes(Telemetry.FULL).application(LabService.GATEWAY).command())
			.noneMatch((argument) -> argument.startsWith("--gateway.admission"));

		LabRecipes unguarded = recipes(Telemetry.FULL, true, false);

		assertThat(unguarded.application(LabService.GATEWAY).command()).contains("--gateway.admission.enabled=false");
		assertThat(unguarded.application(LabService.CHECKOUT).command())
			.noneMatch((argument) -> argument.startsWith("--gateway.admission"));
	}

	@Test
	void shouldTellWhatIsOff() {
		assertThat(Telemetry.FULL.describeMissing()).isEmpty();
		assertThat(new Telemetry(false, false).describeMissing())
			.isEqualTo("without the OpenTelemetry agent (no traces) and the flight recorder (no recent profiles)");
		assertThat(new Telemetry(false, true).systemProperties()).containsExactly("-Dlab.agent=false",
				"-Dlab.recorder=true");
	}

	private LabRecipes recipes(Telemetry telemetry) throws IOException {
		return recipes(telemetry, true);
	}

	private LabRecipes recipes(Telemetry telemetry, boolean agentBuilt) throws IOException {
		return recipes(telemetry, agentBuilt, true);
	}

	private LabRecipes recipes(Telemetry telemetry, boolean agentBuilt, boolean admission) throws IOException {
		Path repository = this.folder.resolve("repository");
		for (LabService service : LabService.values()) {
			Path jar = repository.resolve(service.module()).resolve("target").resolve(service.module() + ".jar");
			Files.createDirectories(jar.getParent());
			Files.writeString(jar, "");
		}
		Path tools = Files.createDirectories(this.folder.resolve("tools"));
		if (agentBuilt) {
			Files.writeString(tools.resolve("opentelemetry-javaagent.jar"), "");
		}
		Path state = Files.createDirectories(this.folder.resolve("state"));
		LabState files = new LabState(state);
		Files.writeString(files.adminTokenFile(), "test-token\n");
		return new LabRecipes(
				new LocalLab.Settings(repository, tools, state, LabPorts.free(), false, "256m", telemetry, admission));
	}

}
