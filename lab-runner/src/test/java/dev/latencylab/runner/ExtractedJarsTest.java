package dev.latencylab.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ExtractedJarsTest {

	@TempDir
	Path target;

	@Test
	void shouldStartTheExtractedJarOnlyWhenItIsNoOlderThanTheBuild() throws Exception {
		Path jar = Files.writeString(this.target.resolve("gateway.jar"), "a fat jar");
		Path extracted = Files.createDirectories(this.target.resolve("gateway-extracted")).resolve("gateway.jar");
		assertThat(ExtractedJars.launchable(jar)).as("never extracted").isEqualTo(jar);

		Files.writeString(extracted, "a thin jar");
		Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-12-06T10:00:00Z")));
		Files.setLastModifiedTime(extracted, FileTime.from(Instant.parse("2026-12-06T10:00:01Z")));
		assertThat(ExtractedJars.launchable(jar)).as("extracted after the build").isEqualTo(extracted);

		Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-12-06T11:00:00Z")));
		assertThat(ExtractedJars.launchable(jar)).as("built again since").isEqualTo(jar);
	}

	@Test
	void shouldStartTheFatJarWhenItCannotBeExtracted() throws Exception {
		Path jar = Files.writeString(this.target.resolve("broken.jar"), "not a jar at all");
		List<String> progress = new ArrayList<>();

		ExtractedJars.extractStale(List.of(jar), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				progress::add);

		assertThat(progress).anySatisfy((line) -> assertThat(line).startsWith("could not extract broken.jar"));
		assertThat(ExtractedJars.launchable(jar)).isEqualTo(jar);
		try (var left = Files.list(this.target)) {
			assertThat(left).as("nothing left behind").containsExactly(jar);
		}
	}

}
