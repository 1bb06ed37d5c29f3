package dev.latencylab.runner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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

	@Command(name = "capture",
			description = "Profile one service with async-profiler and save its flame graphs (HTML) and collapsed stacks.")
	static class Capture implements Callable<Integer> {

		@Mixin
		LabMain.AdminTarget target;

		@Option(names = "--mode", split = ",", defaultValue = "wall",
				description = "cpu, wall, lock, alloc; several with commas (default ${DEFAULT-VALUE})")
		List<String> modes;

		@Option(names = "--seconds", defaultValue = "15", description = "how long (default ${DEFAULT-VALUE})")
		int seconds;

		@Option(names = "--out", required = true, description = "folder for the flame graphs")
		Path out;

		@Override
		public Integer call() throws IOException, InterruptedException {
			ObjectNode body = JsonNodeFactory.instance.objectNode();
			this.modes.forEach(body.putArray("modes")::add);
			body.put("seconds", this.seconds);
			HttpRequest request = HttpRequest.newBuilder(URI.create(this.target.url + "/admin/profiler/captures"))
				.timeout(Duration.ofSeconds(this.seconds + 120L))
				.header("Authorization", "Bearer " + this.target.token())
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
				.build();
			System.out.printf("lab: profiling %s (%s) for %d s%n", this.target.url, String.join(", ", this.modes),
					this.seconds);
			CompletableFuture<HttpResponse<String>> answer = HTTP.sendAsync(request,
					HttpResponse.BodyHandlers.ofString());
			long started = System.nanoTime();
			while (!answer.isDone()) {
				try {
					answer.get(5, TimeUnit.SECONDS);
				}
				catch (TimeoutException ex) {
					System.out.printf("lab:   %d s ...%n", (System.nanoTime() - started) / 1_000_000_000L);
				}
				catch (ExecutionException ex) {
					System.err.println("lab: " + ex.getCause().getMessage());
					return 1;
				}
			}
			HttpResponse<String> response = answer.join();
			JsonNode capture = JSON.readTree(response.body());
			if (response.statusCode() != 201) {
				System.err.println("lab: " + capture.path("detail").asString("HTTP " + response.statusCode()));
				return 2;
			}
			Files.createDirectories(this.out);
			String prefix = capture.path("service").asString() + "-" + capture.path("id").asString();
			for (Map.Entry<String, JsonNode> mode : capture.path("modes").properties()) {
				Path page = this.out.resolve(prefix + "-" + mode.getKey() + ".html");
				Path collapsed = this.out.resolve(prefix + "-" + mode.getKey() + ".collapsed");
				download(mode.getValue().path("flameGraph").asString(), page);
				download(mode.getValue().path("collapsed").asString(), collapsed);
				System.out.printf("lab: %-5s %8d samples  %s%n", mode.getKey(),
						mode.getValue().path("samples").asLong(), page);
			}
			return 0;
		}

		private void download(String path, Path file) throws IOException, InterruptedException {
			HttpRequest request = HttpRequest.newBuilder(URI.create(this.target.url + path))
				.timeout(Duration.ofSeconds(30))
				.header("Authorization", "Bearer " + this.target.token())
				.build();
			HTTP.send(request, HttpResponse.BodyHandlers.ofFile(file));
		}

	}

}
