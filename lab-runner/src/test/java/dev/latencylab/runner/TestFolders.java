package dev.latencylab.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Removes what a test wrote to a temporary folder once nothing runs in it any more: a
 * lab's database alone takes 300 MB, and a machine that runs the suites every day fills
 * its disk otherwise.
 */
final class TestFolders {

	private TestFolders() {
	}

	/**
	 * @param folder a folder and everything in it; nothing happens when it is gone
	 */
	static void delete(Path folder) {
		if (!Files.exists(folder)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not delete " + folder, ex);
		}
	}

}
