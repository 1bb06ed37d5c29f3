package dev.latencylab.runner.drill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import dev.latencylab.kit.BlindDrill;
import dev.latencylab.kit.Scenario;
import dev.latencylab.runner.LabException;
import dev.latencylab.runner.LabState;
import dev.latencylab.runner.flags.Scenarios;

/**
 * A blind drill as {@code ./lab demo --blind} left it in the state directory: the drill's
 * key and the opaque id of its fault, not the scenario's name, so that a glance at the
 * file does not spoil it.
 *
 * @param key the drill's key (the value the flag {@link BlindDrill#FLAG} serves)
 * @param fault the opaque id of the fault's flag
 * @param faultOnAt when the fault was switched on
 * @param attempts answers given so far
 * @param endedAt when the answer was right or the drill revealed, or {@code null}
 */
record Drill(String key, String fault, Instant faultOnAt, int attempts, Instant endedAt) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static Drill start(String key, Scenario scenario) {
		return new Drill(key, BlindDrill.opaqueId(key, scenario.flag()), Instant.now(), 0, null);
	}

	/**
	 * @return the scenario the drill hides
	 */
	Scenario scenario() {
		return Scenarios.require(BlindDrill.revealed(this.key).get(this.fault));
	}

	Drill answered() {
		return new Drill(this.key, this.fault, this.faultOnAt, this.attempts + 1, this.endedAt);
	}

	Drill ended() {
		return new Drill(this.key, this.fault, this.faultOnAt, this.attempts,
				(this.endedAt != null) ? this.endedAt : Instant.now());
	}

	static Optional<Drill> read(LabState state) {
		if (!Files.isRegularFile(state.drillFile())) {
			return Optional.empty();
		}
		return Optional.of(JSON.readValue(state.drillFile().toFile(), Drill.class));
	}

	static Drill require(LabState state) {
		return read(state).orElseThrow(() -> new LabException("no blind drill runs: ./lab demo --blind starts one"));
	}

	void write(LabState state) {
		try {
			Files.createDirectories(state.directory());
			Files.writeString(state.drillFile(), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
