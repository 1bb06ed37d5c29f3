package dev.latencylab.runner.toolkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.latencylab.runner.LabException;
import dev.latencylab.runner.LabState;

/**
 * How a command reaches the diagnosis toolkit: the running local lab's, or another one
 * named with {@code --toolkit} (under docker compose: {@code http://localhost:8090}). A
 * mixin of every toolkit command.
 */
public class ToolkitClient {

	@Option(names = "--toolkit", paramLabel = "URL",
			description = "another toolkit than the local lab's, e.g. http://localhost:8090 under docker compose")
	URI url;

	@Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:LAB_ADMIN_TOKEN}",
			description = "the admin token (default: $LAB_ADMIN_TOKEN, else the local lab's)")
	String token;

	JsonNode get(String path) {
		return send(HttpRequest.newBuilder(base().resolve(path)).GET(), Duration.ofSeconds(30));
	}

	JsonNode post(String path, Object body, Duration within) {
		return send(HttpRequest.newBuilder(base().resolve(path))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token())
			.POST(HttpRequest.BodyPublishers.ofString(Shared.JSON.writeValueAsString(body))), within);
	}

	String link(String path) {
		return base().resolve(path).toString();
	}

	private URI base() {
		return (this.url != null) ? this.url : URI.create(LabState.current().url("toolkit"));
	}

	private String token() {
		if (this.token != null && !this.token.isBlank()) {
			return this.token.trim();
		}
		return LabState.current().adminToken().orElse("");
	}

	private JsonNode send(HttpRequest.Builder request, Duration within) {
		try {
			HttpResponse<String> response = Shared.HTTP.send(request.timeout(within).build(),
					HttpResponse.BodyHandlers.ofString());
			JsonNode body = response.body().isBlank() ? Shared.JSON.createObjectNode()
					: Shared.JSON.readTree(response.body());
			if (response.statusCode() >= 400) {
				throw new LabException("the toolkit answered %d: %s".formatted(response.statusCode(),
						body.path("detail").asString(response.body())));
			}
			return body;
		}
		catch (IOException ex) {
			// a refused connection has no message, only its type
			String why = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
			throw new LabException("the toolkit does not answer at " + base() + " (" + why + ")");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LabException("interrupted");
		}
	}

	/**
	 * Made on first use, not with the mixin: picocli creates a mixin for every toolkit
	 * command whenever the command line is built, and an HTTP client and a JSON mapper
	 * cost a quarter of a second of CPU that {@code ./lab status} should not pay.
	 */
	private static final class Shared {

		static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

		static final JsonMapper JSON = JsonMapper.builder().build();

	}

}
