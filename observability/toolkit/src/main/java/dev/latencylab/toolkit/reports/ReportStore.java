package dev.latencylab.toolkit.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import tools.jackson.databind.json.JsonMapper;

import dev.latencylab.toolkit.metrics.PrometheusReader.Signal;

/**
 * Reports on disk: a folder per report with {@code report.json}, {@code report.html} and
 * its flame graph pages. The newest are kept.
 */
public class ReportStore {

	private final Path directory;

	private final int keep;

	private final JsonMapper json;

	private final ITemplateEngine templates;

	/**
	 * @param directory where reports go
	 * @param keep how many are kept
	 * @param json writes and reads {@code report.json}
	 * @param templates renders {@code report.html}
	 */
	public ReportStore(Path directory, int keep, JsonMapper json, ITemplateEngine templates) {
		this.directory = directory;
		this.keep = keep;
		this.json = json;
		this.templates = templates;
	}

	/**
	 * @param reportId a report's id
	 * @param file a file name
	 * @param content what to write, e.g. a flame graph page
	 */
	public synchronized void attach(String reportId, String file, byte[] content) {
		try {
			Path folder = Files.createDirectories(this.directory.resolve(reportId));
			write(folder.resolve(file), content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes the report's JSON and page (again, when it changed).
	 * @param report the report
	 * @return where its page is
	 */
	public synchronized Path save(Report report) {
		try {
			Path folder = Files.createDirectories(this.directory.resolve(report.id()));
			write(folder.resolve("report.json"), this.json.writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
			Context context = new Context();
			context.setVariable("report", report);
			context.setVariable("signals", Signal.values());
			context.setVariable("verdictMillis",
					java.time.Duration.between(report.startedAt(), report.verdictAt()).toMillis());
			Path page = folder.resolve("report.html");
			write(page, this.templates.process("report", context).getBytes(StandardCharsets.UTF_8));
			prune();
			return page;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @return the kept reports, newest first
	 */
	public List<Report> all() {
		List<Report> reports = new ArrayList<>();
		for (Path folder : folders()) {
			read(folder.getFileName().toString()).ifPresent(reports::add);
		}
		return reports;
	}

	/**
	 * @param id a report's id
	 * @return the report, if it is kept
	 */
	public Optional<Report> read(String id) {
		Path file = file(id, "report.json").orElse(null);
		if (file == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(this.json.readValue(file.toFile(), Report.class));
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * @param id a report's id
	 * @param name a file of it
	 * @return the file, if it exists (never outside the report's folder)
	 */
	public Optional<Path> file(String id, String name) {
		if (!id.matches("[0-9A-Za-z-]+") || !name.matches("[0-9A-Za-z.-]+") || name.startsWith(".")) {
			return Optional.empty();
		}
		Path file = this.directory.resolve(id).resolve(name);
		return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
	}

	public Path directory() {
		return this.directory;
	}

	/**
	 * Writes a file whole or not at all: a reader (the page, the API) never sees half of
	 * a report that is being rewritten with its live capture.
	 */
	private static void write(Path file, byte[] content) throws IOException {
		Path partial = file.resolveSibling(file.getFileName() + ".partial");
		Files.write(partial, content);
		Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	private List<Path> folders() {
		if (!Files.isDirectory(this.directory)) {
			return List.of();
		}
		try (Stream<Path> folders = Files.list(this.directory)) {
			// ids start with the time they were made: newest first by name
			return folders.filter((folder) -> Files.isRegularFile(folder.resolve("report.json")))
				.sorted(Comparator.comparing((Path folder) -> folder.getFileName().toString()).reversed())
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void prune() throws IOException {
		List<Path> folders = folders();
		for (Path old : folders.subList(Math.min(this.keep, folders.size()), folders.size())) {
			try (Stream<Path> files = Files.walk(old)) {
				for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(path);
				}
			}
		}
	}

}
