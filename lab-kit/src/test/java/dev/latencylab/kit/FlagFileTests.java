package dev.latencylab.kit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The flags file as its writers (the admin API, {@code ./lab}) and its readers (every
 * application's flagd resolver) share it.
 */
class FlagFileTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void shouldNeverLetAReaderSeeHalfAFileWhileFlagsAreSwitched(@TempDir Path folder) throws Exception {
		Path path = folder.resolve("flags.json");
		Files.copy(Path.of("../flags/flags.json"), path);
		FlagFile file = new FlagFile(path, this.json);
		AtomicBoolean writing = new AtomicBoolean(true);
		AtomicInteger reads = new AtomicInteger();
		CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
			while (writing.get()) {
				try {
					// as flagd's file connector reads it: the whole file by its path
					this.json.readTree(Files.readAllBytes(path)).get("flags").size();
					reads.incrementAndGet();
				}
				catch (IOException ex) {
					throw new AssertionError(ex);
				}
			}
		});

		for (int i = 0; i < 300; i++) {
			file.set("fraud-regex-cpu", (i % 2 == 0) ? "on" : "off");
			file.rollout("inventory-row-lock-fix", i % 101);
		}
		writing.set(false);

		reader.get();
		assertThat(reads.get()).isPositive();
		assertThat(file.find("fraud-regex-cpu")).get().extracting(FlagFile.FlagState::defaultVariant).isEqualTo("off");
		assertThat(file.find("inventory-row-lock-fix")).get().extracting(FlagFile.FlagState::percentOn).isEqualTo(97);
		assertThat(folder.toFile().list()).as("no temporary file left")
			.containsExactlyInAnyOrder("flags.json", ".flags.json.lock");
	}

	@Test
	void shouldServeADrillsKeyAndTellItBack(@TempDir Path folder) throws IOException {
		Path path = folder.resolve("flags.json");
		Files.copy(Path.of("../flags/flags.json"), path);
		FlagFile file = new FlagFile(path, this.json);

		file.serve(BlindDrill.FLAG, BlindDrill.BLIND, "k3y");

		assertThat(file.servedValue(BlindDrill.FLAG)).isEqualTo("k3y");
		file.serve(BlindDrill.FLAG, BlindDrill.OPEN, "");
		assertThat(file.servedValue(BlindDrill.FLAG)).isEmpty();
		assertThatThrownBy(() -> file.serve(BlindDrill.FLAG, "peek", "x")).isInstanceOf(ProblemException.class)
			.hasMessageContaining("no variant 'peek'");
		assertThatThrownBy(() -> file.set("no-such-flag", "on")).isInstanceOf(ProblemException.class)
			.hasMessageContaining("no-such-flag");
	}

}
