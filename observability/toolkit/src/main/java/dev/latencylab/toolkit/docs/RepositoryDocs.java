package dev.latencylab.toolkit.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.http.MediaType;
import org.springframework.web.util.UriUtils;

/**
 * The documentation files of a repository, looked up by their path relative to its root
 * as a URL gives it: only Markdown ({@code .md}) and the images it shows ({@code .png},
 * {@code .svg}), never outside the root, in a dot folder ({@code .git}, {@code .lab}) or
 * in a build's {@code target} folder. A folder stands for its {@code README.md}.
 */
public class RepositoryDocs {

	/**
	 * One segment of a path: letters, digits, {@code .}, {@code _}, {@code -}, not
	 * starting with a dot. Leaves out {@code ..}, dot folders, separators and anything
	 * encoded to hide them; every file name of the repository fits.
	 */
	private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

	private final Path root;

	/**
	 * @param root the repository's root
	 */
	public RepositoryDocs(Path root) {
		this.root = root.toAbsolutePath().normalize();
	}

	/**
	 * @param path a path relative to the root, percent-encoded as in a URL, e.g.
	 * {@code runbooks/long-gc-pause.md}, {@code docs/toolkit-report.png}, or a folder
	 * ending with {@code /} ({@code runbooks/}, or empty for the root)
	 * @return the file to serve, if the path names one that may be served
	 */
	public Optional<Doc> find(String path) {
		boolean folder = path.isEmpty() || path.endsWith("/");
		List<String> segments = segments(folder ? path + "README.md" : path);
		if (segments.isEmpty()) {
			return Optional.empty();
		}
		String name = segments.get(segments.size() - 1);
		MediaType type = typeOf(name);
		if (type == null) {
			return Optional.empty();
		}
		return within(segments).filter(Files::isRegularFile).map((file) -> new Doc(file, type));
	}

	/**
	 * @param path a path relative to the root, percent-encoded, without a trailing
	 * {@code /}
	 * @return whether it names a folder with a {@code README.md} (the page of the folder
	 * is then at the path with a {@code /}, so that its relative links resolve)
	 */
	public boolean isFolderWithReadme(String path) {
		List<String> segments = segments(path);
		return !segments.isEmpty() && within(segments).filter(Files::isDirectory)
			.map((folder) -> Files.isRegularFile(folder.resolve("README.md")))
			.orElse(false);
	}

	/**
	 * @return the root, absolute
	 */
	public Path root() {
		return this.root;
	}

	/**
	 * The decoded segments of a path, or none when any of them may not be served.
	 */
	private static List<String> segments(String path) {
		List<String> segments = new ArrayList<>();
		for (String encoded : path.split("/", -1)) {
			String segment;
			try {
				segment = UriUtils.decode(encoded, StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				return List.of();
			}
			// a build's output holds copies of the documents and much else
			if (!SEGMENT.matcher(segment).matches() || "target".equals(segment.toLowerCase(Locale.ROOT))) {
				return List.of();
			}
			segments.add(segment);
		}
		return segments;
	}

	/**
	 * The file the segments name, if it is inside the root once symbolic links are
	 * followed.
	 */
	private Optional<Path> within(List<String> segments) {
		Path file = this.root.resolve(String.join("/", segments)).normalize();
		if (!file.startsWith(this.root) || !Files.exists(file)) {
			return Optional.empty();
		}
		try {
			return file.toRealPath().startsWith(this.root.toRealPath()) ? Optional.of(file) : Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private static MediaType typeOf(String name) {
		if (name.endsWith(".md")) {
			return MediaType.TEXT_MARKDOWN;
		}
		if (name.endsWith(".png")) {
			return MediaType.IMAGE_PNG;
		}
		if (name.endsWith(".svg")) {
			return MediaType.valueOf("image/svg+xml");
		}
		return null;
	}

	/**
	 * A file that may be served.
	 *
	 * @param file where it is
	 * @param type {@code text/markdown}, {@code image/png} or {@code image/svg+xml}
	 */
	public record Doc(Path file, MediaType type) {

		/**
		 * @return whether it is a Markdown document, served as a page
		 */
		public boolean isMarkdown() {
			return MediaType.TEXT_MARKDOWN.equals(this.type);
		}

	}

}
