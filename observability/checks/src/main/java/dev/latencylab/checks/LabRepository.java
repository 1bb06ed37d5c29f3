package dev.latencylab.checks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the checked files are: the root of the repository, which holds
 * {@code docker-compose.yml}, {@code docker/} and {@code observability/}.
 */
public final class LabRepository {

	/** The system property that names the repository root, when set. */
	public static final String PROPERTY = "lab.repository";

	private LabRepository() {
	}

	/**
	 * The repository root: the system property {@code lab.repository}, else the nearest
	 * directory at or above the working directory that holds both {@code pom.xml} and
	 * {@code docker-compose.yml}. Under Maven the working directory is a module's
	 * directory ({@code observability/checks}, {@code lab-runner}), so the checks find
	 * the files wherever the module sits.
	 * @return the repository root, absolute and normalized
	 * @throws IllegalStateException if no such directory is found
	 */
	public static Path root() {
		String property = System.getProperty(PROPERTY);
		if (property != null && !property.isBlank()) {
			return Path.of(property).toAbsolutePath().normalize();
		}
		Path start = Path.of("").toAbsolutePath().normalize();
		for (Path directory = start; directory != null; directory = directory.getParent()) {
			if (Files.isRegularFile(directory.resolve("pom.xml"))
					&& Files.isRegularFile(directory.resolve("docker-compose.yml"))) {
				return directory;
			}
		}
		throw new IllegalStateException("No repository root (pom.xml and docker-compose.yml) at or above " + start
				+ "; set -D" + PROPERTY + "=<path>");
	}

}
