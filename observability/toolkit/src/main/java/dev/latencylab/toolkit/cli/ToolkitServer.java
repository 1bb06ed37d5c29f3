package dev.latencylab.toolkit.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a command reaches the running toolkit: its URL and the lab's admin token (a mixin
 * of every command).
 */
public class ToolkitServer {

	@Option(names = "--toolkit", defaultValue = "${env:TOOLKIT_URL:-http://127.0.0.1:8090}",
			description = "the toolkit's URL (default: ${DEFAULT-VALUE}, or $TOOLKIT_URL)")
	URI url;

	@Option(names = "--token", defaultValue = "${env:LAB_ADMIN_TOKEN}",
			description = "the lab's admin token (default: $LAB_ADMIN_TOKEN, else .lab/admin-token)")
	String token;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	JsonNode get(String path) {
		return send(HttpRequest.newBuilder(this.url.resolve(path)).GET());
	}

	JsonNode post(String path, Object body) {
		return send(HttpRequest.newBuilder(this.url.resolve(path))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token())
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(body))));
	}

	String link(String path) {
		return this.url.resolve(path).toString();
	}

	private JsonNode send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.timeout(Duration.ofMinutes(3)).build(),
					HttpResponse.BodyHandlers.ofString());
			JsonNode body = response.body().isBlank() ? this.json.createObjectNode()
					: this.json.readTree(response.body());
			if (response.statusCode() >= 400) {
				throw new IllegalStateException(
						"%d %s".formatted(response.statusCode(), body.path("detail").asString(response.body())));
			}
			return body;
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					"The toolkit does not answer at " + this.url + " (is the lab up? ./lab up starts it): " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private String token() {
		if (this.token != null && !this.token.isBlank()) {
			return this.token.trim();
		}
		Path file = Path.of(".lab", "admin-token");
		try {
			return Files.isRegularFile(file) ? Files.readString(file).trim() : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

}
