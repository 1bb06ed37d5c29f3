package dev.latencylab.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every {@code ./lab} command line the documentation tells a person to type: in fenced
 * code blocks (a line that starts with {@code ./lab}) and in inline code. A line with
 * words in capitals ({@code ./lab logs PART}, {@code ./lab fix NAME 10%}) or choices
 * ({@code on|off}) is a synopsis: a command run with a real value in each such place
 * covers it.
 */
final class DocumentedCommands {

	private static final Pattern INLINE = Pattern.compile("`(\\./lab(?: [^`]*)?)`");

	private static final Pattern PLACEHOLDER = Pattern.compile("[A-Z][A-Z0-9_-]*%?");

	private DocumentedCommands() {
	}

	/**
	 * @param repository the repository root
	 * @param documents the Markdown files, relative to the root; a folder stands for its
	 * {@code *.md}
	 * @return each command line, with where it is written (file and line)
	 */
	static Map<String, List<String>> in(Path repository, List<String> documents) {
		Map<String, List<String>> commands = new LinkedHashMap<>();
		for (Path file : files(repository, documents)) {
			List<String> lines = read(file);
			boolean fenced = false;
			for (int i = 0; i < lines.size(); i++) {
				String line = lines.get(i);
				String where = repository.relativize(file) + ":" + (i + 1);
				if (line.trim().startsWith("```")) {
					fenced = !fenced;
					continue;
				}
				if (fenced) {
					String command = line.trim().replaceFirst("^\\$ ", "");
					if (command.startsWith("./lab")) {
						add(commands, withoutComment(command), where);
					}
					continue;
				}
				Matcher inline = INLINE.matcher(line);
				while (inline.find()) {
					add(commands, inline.group(1), where);
				}
			}
		}
		return commands;
	}

	/**
	 * Whether a documented command line was run: as written; or, written without its
	 * options ({@code ./lab load} in a sentence), with some; or, a synopsis, with a value
	 * in each place ({@code ./lab logs PART} by {@code ./lab logs payment-service},
	 * {@code ./lab load steady|spike} by {@code ./lab load steady --duration 20}).
	 * @param documented a documented command line
	 * @param ran the command lines that were run
	 * @return whether one of them covers it
	 */
	static boolean covered(String documented, Collection<String> ran) {
		StringBuilder pattern = new StringBuilder();
		for (String word : documented.split(" ")) {
			if (pattern.length() > 0) {
				pattern.append(' ');
			}
			if (isPlaceholder(word)) {
				pattern.append("\\S+");
			}
			else if (word.contains("|")) {
				pattern.append("(?:")
					.append(String.join("|", Stream.of(word.split("\\|")).map(Pattern::quote).toList()))
					.append(")");
			}
			else {
				pattern.append(Pattern.quote(word));
			}
		}
		Pattern run = Pattern.compile(pattern + "(?: .*)?");
		return ran.stream().anyMatch((line) -> run.matcher(line).matches());
	}

	private static boolean isPlaceholder(String word) {
		if (word.contains("|")) {
			return Stream.of(word.split("\\|")).anyMatch((part) -> PLACEHOLDER.matcher(part).matches());
		}
		return PLACEHOLDER.matcher(word).matches();
	}

	private static void add(Map<String, List<String>> commands, String command, String where) {
		commands.computeIfAbsent(command.trim().replaceAll("\\s+", " "), (key) -> new ArrayList<>()).add(where);
	}

	private static String withoutComment(String line) {
		int comment = line.indexOf(" #");
		return (comment < 0) ? line : line.substring(0, comment);
	}

	private static List<Path> files(Path repository, List<String> documents) {
		List<Path> files = new ArrayList<>();
		for (String document : documents) {
			Path path = repository.resolve(document);
			if (Files.isDirectory(path)) {
				try (Stream<Path> markdown = Files.list(path)) {
					markdown.filter((file) -> file.toString().endsWith(".md")).sorted().forEach(files::add);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
			else {
				files.add(path);
			}
		}
		return files;
	}

	private static List<String> read(Path file) {
		try {
			return Files.readAllLines(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
