package dev.latencylab.checks.compose.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The YAML files of a Grafana provisioning directory, as Grafana reads them.
 */
final class ProvisioningFiles {

	private ProvisioningFiles() {
	}

	/**
	 * @param directory a provisioning directory ({@code dashboards}, {@code datasources})
	 * @return its {@code *.yml} and {@code *.yaml} files, none if it does not exist
	 */
	static List<Path> of(Path directory) {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.{yml,yaml}")) {
			stream.forEach(files::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return files;
	}

}
