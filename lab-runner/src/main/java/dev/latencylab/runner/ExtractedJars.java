package dev.latencylab.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.springframework.util.FileSystemUtils;

/**
 * The applications' jars as Spring Boot's own tools extract them
 * ({@code java -Djarmode=tools -jar app.jar extract}): the application's classes in a
 * thin jar whose manifest names its libraries in {@code lib/} beside it. The JVM then
 * reads classes from plain jars instead of jars nested in one, and an application starts
 * sooner: the gateway alone took 12.0 to 13.1 s to "Started" with the agent from its fat
 * jar and 10.0 to 10.7 s extracted, 7.4 to 7.7 s and 4.6 to 4.7 s without the agent
 * (docs/benchmarks.md). Each jar is extracted once per build, next to it
 * ({@code target/<name>-extracted/}); a lab that finds the extracted copy older than the
 * jar extracts it again, and one that cannot extract it starts the fat jar.
 */
final class ExtractedJars {

	private static final long EXTRACT_WITHIN_SECONDS = 120;

	private ExtractedJars() {
	}

	/**
	 * @param jar an application's fat jar
	 * @return the jar to start: the extracted one when it is at least as new as the fat
	 * jar, else the fat jar itself
	 */
	static Path launchable(Path jar) {
		Path extracted = extractedJar(jar);
		return isFresh(jar, extracted) ? extracted : jar;
	}

	/**
	 * Extracts every jar whose extracted copy is missing or older, all at once.
	 * @param jars the applications' fat jars
	 * @param java the {@code java} executable
	 * @param progress told what is extracted, and what could not be
	 */
	static void extractStale(List<Path> jars, String java, Consumer<String> progress) {
		List<Path> stale = jars.stream().filter((jar) -> !isFresh(jar, extractedJar(jar))).toList();
		if (stale.isEmpty()) {
			return;
		}
		progress.accept("extracting " + stale.size() + " application jars (once per build: they start sooner)");
		stale.parallelStream().forEach((jar) -> {
			try {
				extract(jar, java);
			}
			catch (IOException | RuntimeException ex) {
				progress.accept("could not extract " + jar.getFileName() + " (" + ex.getMessage()
						+ "); it starts from the jar itself");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
	}

	private static void extract(Path jar, String java) throws IOException, InterruptedException {
		Path directory = directory(jar);
		// into a directory of its own first: a lab starting next door sees either the old
		// copy or the whole new one
		Path fresh = jar.resolveSibling("." + directory.getFileName() + "-" + UUID.randomUUID());
		Process process = new ProcessBuilder(java, "-Djarmode=tools", "-jar", jar.toString(), "extract",
				"--destination", fresh.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		try {
			if (!process.waitFor(EXTRACT_WITHIN_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IOException("java -Djarmode=tools ... extract ended with "
						+ (process.isAlive() ? "no answer" : "status " + process.exitValue()));
			}
			Path old = jar.resolveSibling("." + directory.getFileName() + "-old-" + UUID.randomUUID());
			if (Files.exists(directory)) {
				Files.move(directory, old, StandardCopyOption.ATOMIC_MOVE);
			}
			Files.move(fresh, directory, StandardCopyOption.ATOMIC_MOVE);
			deleteTree(old);
		}
		finally {
			process.destroyForcibly();
			deleteTree(fresh);
		}
	}

	private static boolean isFresh(Path jar, Path extracted) {
		try {
			FileTime built = Files.getLastModifiedTime(jar);
			return Files.isRegularFile(extracted) && Files.getLastModifiedTime(extracted).compareTo(built) >= 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static Path directory(Path jar) {
		String name = jar.getFileName().toString();
		return jar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + "-extracted");
	}

	private static Path extractedJar(Path jar) {
		return directory(jar).resolve(jar.getFileName());
	}

	private static void deleteTree(Path root) {
		try {
			FileSystemUtils.deleteRecursively(root);
		}
		catch (IOException ex) {
			// a leftover in target/, gone with the next clean
		}
	}

}
