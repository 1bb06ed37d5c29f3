package dev.latencylab.toolkit.docs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.web.util.UriUtils;

import dev.latencylab.toolkit.diagnosis.CauseClass;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every link between the repository's documents, checked the way the toolkit serves them
 * (the same {@link MarkdownPages}, so the same heading ids): each relative link leads to
 * a file that exists and that {@code /docs/} serves, each {@code #anchor} to a heading of
 * its page. The same for the alerts' {@code runbook_url} and the verdicts' runbooks.
 * Prints every broken link with its file and line.
 */
class RepositoryLinksTests {

	private static final Path REPOSITORY = Path.of(System.getProperty("lab.repository", "../.."))
		.toAbsolutePath()
		.normalize();

	/** A scheme ({@code https:}, {@code mailto:}) or a host ({@code //...}): not ours. */
	private static final Pattern ABSOLUTE = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*:|//)");

	/**
	 * What every alert's runbook_url is: the docs' address, then a file and an anchor.
	 */
	private static final Pattern RUNBOOK_URL = Pattern
		.compile("\\{\\{ \\$externalLabels\\.docs_url }}/(?<target>[^#\\s]+\\.md(?:#\\S+)?)");

	private final MarkdownPages pages = new MarkdownPages();

	private final RepositoryDocs docs = new RepositoryDocs(REPOSITORY);

	private final Map<Path, List<String>> anchors = new HashMap<>();

	@Test
	void shouldFindEveryDocumentOfTheRepository() throws Exception {
		List<String> documents = markdownFiles().stream().map(this::relative).toList();

		assertThat(documents).contains("README.md", "runbooks/README.md", "runbooks/long-gc-pause.md",
				"docs/telemetry.md", "observability/toolkit/README.md", "lab-kit/README.md");
		assertThat(documents).noneMatch((document) -> document.contains("target/") || document.startsWith("."));
	}

	@Test
	void shouldLeadEveryLinkOfEveryDocumentToAnExistingFileAndHeading() throws Exception {
		List<String> broken = new ArrayList<>();
		int checked = 0;
		for (Path document : markdownFiles()) {
			for (MarkdownPages.DocLink link : this.pages.links(Files.readString(document, StandardCharsets.UTF_8))) {
				if (ABSOLUTE.matcher(link.destination()).find()) {
					continue;
				}
				checked++;
				String problem = problem(document, link.destination());
				if (problem != null) {
					broken.add(relative(document) + ":" + link.line() + ": " + link.destination() + ": " + problem);
				}
			}
		}
		broken.forEach(System.out::println);

		assertThat(checked).as("relative links checked").isGreaterThan(50);
		assertThat(broken).as("broken links (file:line: link: why)").isEmpty();
	}

	@Test
	void shouldLeadEveryAlertsRunbookToAnExistingPageAndHeading() throws Exception {
		Path rules = REPOSITORY.resolve("observability/prometheus/rules/alerts.yml");
		List<String> broken = new ArrayList<>();
		int alerts = 0;
		for (Map<String, Object> rule : alertRules(rules)) {
			alerts++;
			Object annotations = rule.get("annotations");
			String url = (annotations instanceof Map<?, ?> map) ? String.valueOf(map.get("runbook_url")) : "";
			Matcher runbook = RUNBOOK_URL.matcher(url);
			String problem = runbook.matches() ? problem(REPOSITORY.resolve("README.md"), runbook.group("target"))
					: "not {{ $externalLabels.docs_url }}/<file>.md[#anchor]";
			if (problem != null) {
				broken.add(relative(rules) + ": " + rule.get("alert") + ": " + url + ": " + problem);
			}
		}
		broken.forEach(System.out::println);

		assertThat(alerts).isPositive();
		assertThat(broken).as("broken runbook_url (alert: url: why)").isEmpty();
	}

	@Test
	void shouldLeadEveryVerdictToAnExistingRunbookAndHeading() throws Exception {
		List<String> broken = new ArrayList<>();
		for (CauseClass cause : CauseClass.values()) {
			String problem = problem(REPOSITORY.resolve("README.md"), cause.runbook());
			if (problem != null) {
				broken.add(cause + ": " + cause.runbook() + ": " + problem);
			}
		}

		assertThat(broken).as("broken runbooks of verdicts").isEmpty();
	}

	/**
	 * What is wrong with a link from a document, or {@code null} when nothing is.
	 */
	private String problem(Path from, String destination) throws IOException {
		int hash = destination.indexOf('#');
		String path = (hash >= 0) ? destination.substring(0, hash) : destination;
		String anchor = (hash >= 0) ? UriUtils.decode(destination.substring(hash + 1), StandardCharsets.UTF_8) : "";
		Path target = from;
		if (!path.isEmpty()) {
			target = from.getParent().resolve(UriUtils.decode(path, StandardCharsets.UTF_8)).normalize();
			if (!target.startsWith(REPOSITORY)) {
				return "outside the repository";
			}
			if (!Files.exists(target)) {
				return "no such file " + relative(target);
			}
			String served = relative(target) + (Files.isDirectory(target) ? "/" : "");
			if (this.docs.find(served.equals("/") ? "" : served).isEmpty()) {
				return "not served under /docs/ (only .md, .png and .svg files, and folders with a README.md)";
			}
			if (Files.isDirectory(target)) {
				target = target.resolve("README.md");
			}
		}
		if (anchor.isEmpty()) {
			return null;
		}
		if (!target.getFileName().toString().endsWith(".md")) {
			return "an anchor into a file that is not a document";
		}
		List<String> ids = anchorsOf(target);
		return ids.contains(anchor) ? null
				: "no heading #" + anchor + " in " + relative(target) + suggestion(anchor, ids);
	}

	private List<String> anchorsOf(Path document) throws IOException {
		List<String> ids = this.anchors.get(document);
		if (ids == null) {
			ids = this.pages.anchors(Files.readString(document, StandardCharsets.UTF_8));
			this.anchors.put(document, ids);
		}
		return ids;
	}

	/**
	 * The heading ids that share the most words with a missing anchor, to fix it fast.
	 */
	private static String suggestion(String anchor, List<String> ids) {
		Set<String> words = new LinkedHashSet<>(Arrays.asList(anchor.split("-")));
		String best = null;
		long bestShared = 0;
		for (String id : ids) {
			long shared = Arrays.stream(id.split("-")).filter(words::contains).count();
			if (shared > bestShared) {
				best = id;
				bestShared = shared;
			}
		}
		return (best != null) ? " (closest: #" + best + ")" : "";
	}

	/**
	 * The Markdown files git tracks, outside any {@code target} folder; every Markdown
	 * file outside build output and dot folders when git cannot say.
	 */
	private static List<Path> markdownFiles() throws IOException, InterruptedException {
		List<String> tracked = gitLsFiles();
		Stream<Path> files = (tracked != null) ? tracked.stream().map(REPOSITORY::resolve)
				: Files.walk(REPOSITORY).filter((file) -> file.toString().endsWith(".md"));
		try (files) {
			return files.filter(Files::isRegularFile).filter((file) -> {
				Path relative = REPOSITORY.relativize(file);
				for (Path part : relative) {
					if (part.toString().equals("target") || part.toString().startsWith(".")) {
						return false;
					}
				}
				return true;
			}).sorted().toList();
		}
	}

	private static List<String> gitLsFiles() throws IOException, InterruptedException {
		Process git;
		try {
			git = new ProcessBuilder("git", "-C", REPOSITORY.toString(), "ls-files", "-z", "--", "*.md")
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			return null;
		}
		String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (git.waitFor() != 0 || output.isEmpty()) {
			return null;
		}
		return Arrays.stream(output.split("\0")).filter((name) -> !name.isEmpty()).toList();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> alertRules(Path file) throws IOException {
		List<Map<String, Object>> alerts = new ArrayList<>();
		try (InputStream in = Files.newInputStream(file)) {
			Map<String, Object> rules = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
			for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
				for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
					if (rule.containsKey("alert")) {
						alerts.add(rule);
					}
				}
			}
		}
		return alerts;
	}

	private String relative(Path file) {
		return REPOSITORY.relativize(file).toString().replace('\\', '/');
	}

}
