package dev.latencylab.runner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin API of a running lab, from the command line ({@code ./lab flags},
 * {@code ./lab fault}, {@code ./lab fix}, {@code ./lab scenarios}).
 */
final class LabAdmin {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private LabAdmin() {
	}

	static JsonNode request(LabMain.AdminTarget target, String method, String path, String body)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(target.url + path))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Bearer " + target.token())
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.build();
		HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		JsonNode answer = response.body().isBlank() ? JsonNodeFactory.instance.nullNode()
				: JSON.readTree(response.body());
		if (response.statusCode() >= 400) {
			throw new IllegalStateException(answer.path("detail").asString("HTTP " + response.statusCode()));
		}
		return answer;
	}

	static String describe(JsonNode flag) {
		if (!flag.path("percentOn").isNull() && !flag.path("percentOn").isMissingNode()) {
			return flag.path("percentOn").asInt() + "% of orders on";
		}
		return flag.path("defaultVariant").asString();
	}

	@Command(name = "flags", description = "List the lab's flags and their state.")
	static class Flags implements Callable<Integer> {

		@Mixin
		LabMain.AdminTarget target;

		@Override
		public Integer call() throws IOException, InterruptedException {
			for (JsonNode flag : request(this.target, "GET", "/admin/flags", null)) {
				System.out.printf("  %-30s %s%n", flag.path("key").asString(), describe(flag));
			}
			return 0;
		}

	}

	@Command(name = "switch", description = "Switch a flag: on, off, or a share of orders such as 10%.")
	static class Switch implements Callable<Integer> {

		@Mixin
		LabMain.AdminTarget target;

		@Parameters(index = "0", description = "the flag, e.g. inventory-row-lock or inventory-row-lock-fix")
		String flag;

		@Parameters(index = "1", description = "on, off, or PERCENT%")
		String value;

		@Override
		public Integer call() throws IOException, InterruptedException {
			LabMain.Change change = LabMain.Change.parse(this.value);
			ObjectNode body = JsonNodeFactory.instance.objectNode();
			if (change.percent() != null) {
				body.put("percent", change.percent());
			}
			else {
				body.put("variant", change.variant());
			}
			try {
				JsonNode flag = request(this.target, "PUT", "/admin/flags/" + this.flag, JSON.writeValueAsString(body));
				System.out.printf("lab: %s is now %s (every service picks it up within a few seconds)%n",
						flag.path("key").asString(), describe(flag));
				return 0;
			}
			catch (IllegalStateException ex) {
				System.err.println("lab: " + ex.getMessage());
				return 2;
			}
		}

	}

	@Command(name = "scenarios", description = "List the latency scenarios of the catalogue.")
	static class Scenarios implements Callable<Integer> {

		@Mixin
		LabMain.AdminTarget target;

		@Override
		public Integer call() throws IOException, InterruptedException {
			for (JsonNode scenario : request(this.target, "GET", "/admin/scenarios", null)) {
				System.out.printf("%-26s %-18s %-20s%n    %s%n    fix (%s): %s%n", scenario.path("name").asString(),
						scenario.path("service").asString(), scenario.path("causeClass").asString(),
						scenario.path("mechanism").asString(), scenario.path("fixFlag").asString(),
						scenario.path("fix").asString());
			}
			return 0;
		}

	}

}
