package dev.latencylab.toolkit.docs;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import jakarta.servlet.http.HttpServletRequest;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import org.springframework.core.io.FileSystemResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import dev.latencylab.kit.ProblemException;

/**
 * The repository's documentation as pages: {@code GET /docs/runbooks/long-gc-pause.md}
 * renders that file, {@code /docs/runbooks/} the folder's README, and the images the
 * pages show come from the same tree. The URL keeps the file's path, so the relative
 * links written for GitHub work unchanged. Read-only, so no token is needed.
 */
@Controller
class DocsController {

	private static final String PREFIX = "/docs/";

	/**
	 * Pages load nothing from elsewhere and run no script: raw HTML in a document cannot
	 * either.
	 */
	private static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:";

	/** An SVG opened on its own is a document too: no scripts there either. */
	private static final String IMAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

	private final RepositoryDocs docs;

	private final MarkdownPages pages;

	private final ITemplateEngine templates;

	DocsController(RepositoryDocs docs, MarkdownPages pages, ITemplateEngine templates) {
		this.docs = docs;
		this.pages = pages;
		this.templates = templates;
	}

	@GetMapping({ "/docs", "/docs/**" })
	ResponseEntity<?> doc(HttpServletRequest request) throws IOException {
		// as sent, not as decoded and normalized by the server: a '..' or an encoded '/'
		// must be seen to be refused
		String uri = request.getRequestURI().substring(request.getContextPath().length());
		if (!uri.startsWith(PREFIX)) {
			return redirect(request.getContextPath() + PREFIX);
		}
		String path = uri.substring(PREFIX.length());
		RepositoryDocs.Doc doc = this.docs.find(path).orElse(null);
		if (doc == null) {
			if (!path.isEmpty() && !path.endsWith("/") && this.docs.isFolderWithReadme(path)) {
				// the folder's README links relative to the folder
				return redirect(request.getContextPath() + uri + "/");
			}
			throw noSuchPage(uri);
		}
		if (!doc.isMarkdown()) {
			return ResponseEntity.ok()
				.contentType(doc.type())
				.cacheControl(CacheControl.noCache())
				.header("Content-Security-Policy", IMAGE_POLICY)
				.header("X-Content-Type-Options", "nosniff")
				.body(new FileSystemResource(doc.file()));
		}
		String fileName = doc.file().getFileName().toString();
		MarkdownPages.Page page = this.pages.render(Files.readString(doc.file(), StandardCharsets.UTF_8), fileName);
		Context context = new Context();
		context.setVariable("title", page.title());
		context.setVariable("body", page.html());
		context.setVariable("path", this.docs.root().relativize(doc.file()).toString().replace('\\', '/'));
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			// documents change while the lab runs: always the file as it is now
			.cacheControl(CacheControl.noCache())
			.header("Content-Security-Policy", PAGE_POLICY)
			.header("X-Content-Type-Options", "nosniff")
			.body(this.templates.process("doc", context));
	}

	private static ResponseEntity<Void> redirect(String location) {
		return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(location)).build();
	}

	private static ProblemException noSuchPage(String uri) {
		return new ProblemException(HttpStatus.NOT_FOUND, "no-such-page", "No such page", "No page at " + uri
				+ ": /docs/ serves the repository's .md files (and their .png and .svg images), e.g. /docs/runbooks/.");
	}

}
