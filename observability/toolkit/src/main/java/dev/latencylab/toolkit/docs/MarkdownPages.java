package dev.latencylab.toolkit.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The repository's Markdown as HTML, the way GitHub shows it where it matters for links:
 * tables, and an {@code id} on every heading made by GitHub's rules (lowercase, spaces to
 * {@code -}, punctuation dropped, {@code -1}, {@code -2}... for repeats), so that an
 * anchor written for GitHub ({@code #5-name-the-cause}) lands on the same heading here.
 *
 * <p>
 * The same instance renders the served pages and answers {@link #anchors} and
 * {@link #links}, so that a check of the links sees exactly the ids a reader gets.
 * Thread-safe.
 */
public class MarkdownPages {

	/** An opening heading tag as the renderer writes it, with its id. */
	private static final Pattern HEADING_ID = Pattern.compile("<h[1-6] id=\"([^\"]*)\"");

	private final Parser parser;

	private final HtmlRenderer renderer;

	/**
	 * A renderer with GitHub's tables and heading ids.
	 */
	public MarkdownPages() {
		List<Extension> extensions = List.of(TablesExtension.create(),
				// the extension's defaults are GitHub's ids for every heading of this
				// repository (MarkdownPagesTests); no prefix, so a plain #anchor finds it
				// without a script (GitHub itself needs one for its user-content- prefix)
				HeadingAnchorExtension.create());
		this.parser = Parser.builder()
			.extensions(extensions)
			.includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
			.build();
		// javascript: and other unsafe link schemes are dropped (links get rel="nofollow"
		// too)
		this.renderer = HtmlRenderer.builder().extensions(extensions).sanitizeUrls(true).build();
	}

	/**
	 * @param markdown a Markdown document
	 * @param fallbackTitle the title when the document has no heading
	 * @return the document as an HTML fragment, and its title (its first heading)
	 */
	public Page render(String markdown, String fallbackTitle) {
		Node document = this.parser.parse(markdown);
		String title = firstHeading(document);
		return new Page((title != null && !title.isBlank()) ? title : fallbackTitle, this.renderer.render(document));
	}

	/**
	 * @param markdown a Markdown document
	 * @return the ids of its headings in the rendered page, in order: the anchors a link
	 * into it may name
	 */
	public List<String> anchors(String markdown) {
		Matcher ids = HEADING_ID.matcher(this.renderer.render(this.parser.parse(markdown)));
		List<String> anchors = new ArrayList<>();
		while (ids.find()) {
			anchors.add(ids.group(1));
		}
		return anchors;
	}

	/**
	 * @param markdown a Markdown document
	 * @return every link and image in it (inline, reference or autolink), with the line
	 * it is on
	 */
	public List<DocLink> links(String markdown) {
		List<DocLink> links = new ArrayList<>();
		this.parser.parse(markdown).accept(new AbstractVisitor() {

			@Override
			public void visit(Link link) {
				links.add(new DocLink(link.getDestination(), line(link), false));
				visitChildren(link);
			}

			@Override
			public void visit(Image image) {
				links.add(new DocLink(image.getDestination(), line(image), true));
				visitChildren(image);
			}

		});
		return links;
	}

	private static String firstHeading(Node document) {
		StringBuilder title = new StringBuilder();
		for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
			if (node instanceof Heading heading) {
				heading.accept(new AbstractVisitor() {

					@Override
					public void visit(Text text) {
						title.append(text.getLiteral());
					}

					@Override
					public void visit(Code code) {
						title.append(code.getLiteral());
					}

				});
				return title.toString().strip();
			}
		}
		return null;
	}

	/**
	 * The 1-based line of a node: its own source span, or its closest ancestor's (not
	 * every inline node has one).
	 */
	private static int line(Node node) {
		for (Node current = node; current != null; current = current.getParent()) {
			List<SourceSpan> spans = current.getSourceSpans();
			if (!spans.isEmpty()) {
				return spans.get(0).getLineIndex() + 1;
			}
		}
		return 0;
	}

	/**
	 * A rendered document.
	 *
	 * @param title its first heading, as text
	 * @param html the document as an HTML fragment, for a page's body
	 */
	public record Page(String title, String html) {
	}

	/**
	 * A link in a document.
	 *
	 * @param destination where it points, as written
	 * ({@code ../docs/telemetry.md#metrics}, {@code #limits}, {@code https://...})
	 * @param line the line it is on, from 1
	 * @param image whether it is an image ({@code ![...](...)})
	 */
	public record DocLink(String destination, int line, boolean image) {
	}

}
