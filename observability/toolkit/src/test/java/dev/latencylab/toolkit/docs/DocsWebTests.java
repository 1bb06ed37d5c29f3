package dev.latencylab.toolkit.docs;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documentation pages over HTTP, on a small repository made for the test: pages with
 * GitHub's heading ids and their relative links as written, a folder's README, images,
 * and everything else refused as a 404 problem.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DocsWebTests {

	/** The smallest valid PNG: one transparent pixel. */
	private static final byte[] PIXEL = java.util.Base64.getDecoder()
		.decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

	@TempDir
	static Path sandbox;

	@LocalServerPort
	int port;

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void lab(DynamicPropertyRegistry registry) throws IOException {
		String nowhere = "http://127.0.0.1:" + freePort();
		registry.add("toolkit.docs.directory", () -> sandbox.resolve("repository").toString());
		registry.add("toolkit.reports.directory", () -> sandbox.resolve("reports").toString());
		registry.add("toolkit.prometheus", () -> nowhere);
		registry.add("toolkit.traces.url", () -> nowhere);
		registry.add("toolkit.baseline.initial-delay", () -> "1h");
	}

	@BeforeAll
	static void repository() throws IOException {
		Path repository = Files.createDirectories(sandbox.resolve("repository"));
		write(repository.resolve("README.md"), """
				# The lab

				See [the runbooks](runbooks/) and ![a report](docs/report.png).
				""");
		write(repository.resolve("runbooks/README.md"), "# Runbooks\n\n- [Long GC pause](long-gc-pause.md)\n");
		write(repository.resolve("runbooks/long-gc-pause.md"), """
				# LongGcPause: a GC pause above 1 s

				Names in [telemetry](../docs/telemetry.md#alerts-observabilityprometheusrulesalertsyml).

				## 5. Name the cause

				| step | what |
				|---|---|
				| 1 | `runbook_url` <script>alert(1)</script> |

				## Tests

				## Tests
				""");
		write(repository.resolve("docs/telemetry.md"), "# Telemetry\n");
		Files.write(repository.resolve("docs/report.png"), PIXEL);
		write(repository.resolve("docs/diagram.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
		write(repository.resolve("docs/notes.txt"), "not a document");
		write(repository.resolve("pom.xml"), "<project/>");
		write(repository.resolve(".lab/admin-token.md"), "secret");
		write(repository.resolve(".git/HEAD.md"), "ref");
		write(repository.resolve("module/target/classes/README.md"), "# a copy");
		write(repository.resolve("empty/notes.md"), "# no README here");
		write(sandbox.resolve("outside.md"), "# outside the repository");
		try {
			Files.createSymbolicLink(repository.resolve("docs/escape.md"), sandbox.resolve("outside.md"));
		}
		catch (UnsupportedOperationException | IOException ex) {
			// no symbolic links here: the escape is then simply not there
		}
	}

	@Test
	void shouldRenderADocumentWithGitHubHeadingIdsAndItsRelativeLinksAsWritten() throws Exception {
		var response = get("/docs/runbooks/long-gc-pause.md");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
		assertThat(response.body()).startsWith("<!DOCTYPE html>")
			.contains("<title>LongGcPause: a GC pause above 1 s</title>")
			.contains("<h2 id=\"5-name-the-cause\">5. Name the cause</h2>")
			.contains("<h2 id=\"tests\">Tests</h2>", "<h2 id=\"tests-1\">Tests</h2>")
			.contains("href=\"../docs/telemetry.md#alerts-observabilityprometheusrulesalertsyml\"")
			.contains("<table>", "<th>step</th>", "<code>runbook_url</code>");
		// the page's raw HTML could not run anyway: no script is allowed
		assertThat(response.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((policy) -> assertThat(policy).contains("default-src 'none'").doesNotContain("script"));
		assertThat(get("/docs/docs/telemetry.md").body()).contains("<h1 id=\"telemetry\">Telemetry</h1>");
	}

	@Test
	void shouldRenderAFolderAsItsReadme() throws Exception {
		var folder = get("/docs/runbooks/");
		var withoutSlash = get("/docs/runbooks");
		var root = get("/docs/");

		assertThat(folder.statusCode()).isEqualTo(200);
		assertThat(folder.body()).contains("<title>Runbooks</title>", "href=\"long-gc-pause.md\"");
		// so that the README's relative links resolve against the folder
		assertThat(withoutSlash.statusCode()).isEqualTo(302);
		assertThat(withoutSlash.headers().firstValue("Location")).hasValue("/docs/runbooks/");
		assertThat(get("/docs").headers().firstValue("Location")).hasValue("/docs/");
		assertThat(root.statusCode()).isEqualTo(200);
		assertThat(root.body()).contains("<title>The lab</title>", "src=\"docs/report.png\"");
	}

	@Test
	void shouldServeTheImagesThePagesShow() throws Exception {
		var png = this.http.send(request("/docs/docs/report.png"), HttpResponse.BodyHandlers.ofByteArray());
		var svg = get("/docs/docs/diagram.svg");

		assertThat(png.statusCode()).isEqualTo(200);
		assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(png.body()).isEqualTo(PIXEL);
		assertThat(svg.statusCode()).isEqualTo(200);
		assertThat(svg.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/docs/docs/notes.txt", "/docs/pom.xml", "/docs/no-such-file.md", "/docs/empty/",
			"/docs/.lab/admin-token.md", "/docs/.git/HEAD.md", "/docs/%2Elab/admin-token.md",
			"/docs/module/target/classes/README.md", "/docs/docs/escape.md", "/docs/runbooks/../README.md",
			"/docs/runbooks/%2e%2e/README.md", "/docs/runbooks/%2E%2E/%2E%2E/outside.md",
			"/docs/runbooks/%252e%252e/README.md", "/docs/runbooks//README.md", "/docs/runbooks/long-gc-pause.md;x=1",
			"/docs/runbooks/long-gc-pause.md.png", "/docs/README.MD" })
	void shouldRefuseAnythingButTheDocumentsAndTheirImagesWithANotFoundProblem(String path) throws Exception {
		String answer = rawGet(path);

		assertThat(answer).startsWith("HTTP/1.1 404").contains("Content-Type: application/problem+json");
		// the body between its braces, whether chunked or not
		JsonNode problem = this.json.readTree(answer.substring(answer.indexOf('{'), answer.lastIndexOf('}') + 1));
		assertThat(problem.path("status").asInt()).isEqualTo(404);
		assertThat(problem.path("type").asString()).startsWith("https://latency-lab.dev/problems/");
		assertThat(answer).doesNotContain("secret", "outside the repository", "a copy", "<project/>");
	}

	/**
	 * An encoded {@code /}, a NUL or a backslash never reaches the toolkit: Tomcat
	 * refuses the request line itself.
	 */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/docs/runbooks%2F..%2FREADME.md", "/docs/runbooks/long-gc-pause.md%00.png",
			"/docs/runbooks\\..\\README.md" })
	void shouldNeverServeAMalformedPath(String path) throws Exception {
		String answer = rawGet(path);

		assertThat(answer).startsWith("HTTP/1.1 400").doesNotContain("The lab", "Runbooks", "id=\"");
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(request(path), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build();
	}

	/**
	 * The request exactly as written, over a socket: an HTTP client would resolve the
	 * {@code ..} itself, as a browser does, and never send it.
	 */
	private String rawGet(String path) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.getOutputStream()
				.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static void write(Path file, String content) throws IOException {
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
