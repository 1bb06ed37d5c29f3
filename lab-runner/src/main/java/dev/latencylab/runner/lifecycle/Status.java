package dev.latencylab.runner.lifecycle;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

import dev.latencylab.runner.LabProcesses;
import dev.latencylab.runner.LabState;

/**
 * {@code ./lab status}: is the lab running, and is each part healthy?
 */
@Command(name = "status", mixinStandardHelpOptions = true,
		description = { "Is the lab running, and is each part healthy?",
				"Exit status: 0 all healthy, 1 some part down, 3 not running." })
public class Status implements Callable<Integer> {

	@Override
	public Integer call() {
		LabState state = LabState.current();
		Optional<ProcessHandle> supervisor = state.supervisor();
		if (supervisor.isEmpty()) {
			int left = Leftovers.of(state).size();
			System.out.println((left == 0) ? "lab: not running (./lab up starts it)"
					: "lab: not running, but " + left + " of its processes are left: ./lab down stops them");
			return 3;
		}
		Map<String, String> urls = state.urls();
		if (urls.isEmpty()) {
			System.out.println("lab: starting (pid " + supervisor.get().pid() + "); progress in " + state.labLog());
			return 1;
		}
		System.out.println("lab: running (pid " + supervisor.get().pid() + ")");
		boolean down = false;
		for (Map.Entry<String, String> part : urls.entrySet()) {
			boolean up = isUp(state, part.getKey());
			down |= !up;
			System.out.printf("  %-18s %-45s %s%n", part.getKey(), part.getValue(), up ? "UP" : "DOWN");
		}
		if (down) {
			System.out.println("lab: some parts are down: ./lab logs PART shows why");
		}
		return down ? 1 : 0;
	}

	/**
	 * @param state the running lab's state
	 * @param part a part, e.g. {@code payment-service} or {@code postgresql}
	 * @return whether it answers its health check
	 */
	public static boolean isUp(LabState state, String part) {
		String url = state.urls().getOrDefault(part, "");
		return switch (part) {
			case "postgresql" -> !LabProcesses.isFree(state.ports().getOrDefault(part, 5433));
			case "zipkin" -> answers(url + "/health", "UP");
			case "prometheus", "alertmanager" -> answers(url + "/-/ready", "");
			case "postgres-exporter" -> answers(url + "/metrics", "pg_up 1");
			default -> answers(url + "/actuator/health", "\"UP\"");
		};
	}

	private static boolean answers(String url, String containing) {
		try {
			HttpResponse<String> response = Http.CLIENT.send(
					HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
					HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 && response.body().contains(containing);
		}
		catch (java.io.IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Made on first use: picocli creates this command whenever any command runs. */
	private static final class Http {

		static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	}

}
