package dev.latencylab.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A copy of {@code kubernetes/} with one file changed, rendered by the real kustomize:
 * the checks must notice.
 */
final class BrokenCopy {

	private BrokenCopy() {
	}

	/**
	 * @param kubernetes the repository's {@code kubernetes/} folder
	 * @param into an empty folder
	 * @param kustomization {@code base} or {@code chaos}
	 * @param file a file of it
	 * @param from text the file holds
	 * @param to what replaces it
	 * @return the copy's kustomization rendered
	 */
	static Manifests render(Path kubernetes, Path into, String kustomization, String file, String from, String to) {
		copy(kubernetes.resolve("base"), into.resolve("base"));
		copy(kubernetes.resolve("chaos"), into.resolve("chaos"));
		Path target = into.resolve(kustomization).resolve(file);
		try {
			String text = Files.readString(target);
			assertThat(text).as(file).contains(from);
			Files.writeString(target, text.replace(from, to));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Manifests.parse(Kustomize.render(into.resolve(kustomization)));
	}

	private static void copy(Path from, Path to) {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path source : files.toList()) {
				Path target = to.resolve(from.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
