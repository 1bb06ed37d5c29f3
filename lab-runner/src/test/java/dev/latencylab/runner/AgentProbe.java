package dev.latencylab.runner;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A program for {@link TelemetryAgentIT} to run under the OpenTelemetry agent: one call
 * with the JDK's HTTP client, which the agent instruments, so that it has a span to
 * export.
 */
final class AgentProbe {

	private AgentProbe() {
	}

	/**
	 * @param args the URL to call
	 * @throws Exception if the call fails
	 */
	public static void main(String[] args) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		client.send(HttpRequest.newBuilder(URI.create(args[0])).build(), HttpResponse.BodyHandlers.discarding());
	}

}
