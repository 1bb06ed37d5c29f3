package dev.latencylab.toolkit.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Markdown to HTML, and above all the heading ids: anchors in this repository are written
 * for GitHub, so every heading must get the id GitHub gives it.
 */
class MarkdownPagesTests {

	private static final Path REPOSITORY = Path.of(System.getProperty("lab.repository", "../.."))
		.toAbsolutePath()
		.normalize();

	/**
	 * GitHub's rule (its table-of-contents filter): what is not a letter, mark, digit,
	 * connector, {@code -} or space goes; spaces become {@code -}.
	 */
	private static final Pattern NOT_IN_GITHUB_IDS = Pattern.compile("[^\\p{L}\\p{M}\\p{Nd}\\p{Pc}\\- ]");

	private final MarkdownPages pages = new MarkdownPages();

	@Test
	void shouldGiveHeadingsTheIdsGitHubGivesThem() {
		String markdown = """
				# Telemetry: the names everything else relies on
				## `runbook_url` is a path, not a web address
				## 5. Name the cause
				## Configuration (`toolkit.*`, application.yml)
				## inventory-service (port 8082, schema `inventory`)
				## What it's for — a → b
				## Tests
				### Tests
				## Résumé *of* [the run](x.md)
				""";

		assertThat(this.pages.anchors(markdown)).containsExactly("telemetry-the-names-everything-else-relies-on",
				"runbook_url-is-a-path-not-a-web-address", "5-name-the-cause", "configuration-toolkit-applicationyml",
				"inventory-service-port-8082-schema-inventory", "what-its-for--a--b", "tests", "tests-1",
				"résumé-of-the-run");
	}

	@Test
	void shouldGiveEveryHeadingOfTheRepositoryItsGitHubId() throws IOException {
		List<String> differences = new ArrayList<>();
		int headings = 0;
		for (Path document : documents()) {
			String markdown = Files.readString(document, StandardCharsets.UTF_8);
			List<String> github = gitHubIds(markdown);
			List<String> ours = this.pages.anchors(markdown);
			headings += github.size();
			if (!ours.equals(github)) {
				differences.add(REPOSITORY.relativize(document) + ": GitHub " + github + ", toolkit " + ours);
			}
		}

		assertThat(headings).isGreaterThan(100);
		assertThat(differences).isEmpty();
	}

	@Test
	void shouldRenderAPageTitledByItsFirstHeadingWithTablesAndSafeLinks() {
		MarkdownPages.Page page = this.pages.render("""
				Intro.

				# The `lab` runbook

				| a | b |
				|---|---|
				| 1 | 2 |

				[telemetry](../docs/telemetry.md#alerts) [evil](javascript:alert(1))
				""", "fallback.md");

		assertThat(page.title()).isEqualTo("The lab runbook");
		assertThat(page.html()).contains("<h1 id=\"the-lab-runbook\">The <code>lab</code> runbook</h1>")
			.contains("<table>", "<th>a</th>", "<td>2</td>")
			.contains("href=\"../docs/telemetry.md#alerts\">telemetry</a>")
			.doesNotContain("javascript:");
		assertThat(this.pages.render("no heading", "notes.md").title()).isEqualTo("notes.md");
	}

	@Test
	void shouldFindEveryLinkWithItsLine() {
		List<MarkdownPages.DocLink> links = this.pages.links("""
				# Title

				See [a](a.md#x) and ![b](b.png).

				| c |
				|---|
				| [c](c.md) |

				[d][ref]

				[ref]: d.md
				""");

		assertThat(links).containsExactly(new MarkdownPages.DocLink("a.md#x", 3, false),
				new MarkdownPages.DocLink("b.png", 3, true), new MarkdownPages.DocLink("c.md", 7, false),
				new MarkdownPages.DocLink("d.md", 9, false));
	}

	/**
	 * The ids GitHub gives the headings of a document, computed here on its own from the
	 * headings' text: an oracle for the renderer's ids.
	 */
	private static List<String> gitHubIds(String markdown) {
		List<String> ids = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		Parser.builder().build().parse(markdown).accept(new AbstractVisitor() {

			@Override
			public void visit(Heading heading) {
				String text = NOT_IN_GITHUB_IDS.matcher(text(heading).strip().toLowerCase(Locale.ROOT))
					.replaceAll("")
					.replace(' ', '-');
				int count = seen.merge(text, 1, Integer::sum) - 1;
				ids.add((count == 0) ? text : text + "-" + count);
			}

		});
		return ids;
	}

	/** A heading's text as GitHub reads it: the text of its inlines, images left out. */
	private static String text(Node heading) {
		StringBuilder text = new StringBuilder();
		heading.accept(new AbstractVisitor() {

			@Override
			public void visit(Text node) {
				text.append(node.getLiteral());
			}

			@Override
			public void visit(Code node) {
				text.append(node.getLiteral());
			}

			@Override
			public void visit(Image image) {
				// its alt text is no text of the heading
			}

		});
		return text.toString();
	}

	private static List<Path> documents() throws IOException {
		try (Stream<Path> files = Files.walk(REPOSITORY)) {
			return files.filter((file) -> file.toString().endsWith(".md"))
				.filter((file) -> REPOSITORY.relativize(file).toString().matches("(?!.*(^|/)(target|\\.[^/]*)/).*"))
				.sorted()
				.toList();
		}
	}

}
