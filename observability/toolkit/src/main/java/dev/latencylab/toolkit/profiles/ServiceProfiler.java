package dev.latencylab.toolkit.profiles;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Client of the profiler endpoint every lab service has (lab-kit): a window of the
 * always-on flight recorder, or a live async-profiler capture, fetched with its flame
 * graphs and collapsed stacks.
 */
public class ServiceProfiler {

	private final RestClient client;

	private final Map<String, URI> services;

	private final String adminToken;

	/**
	 * @param client the HTTP client (no base URL)
	 * @param services each service's base URL by name
	 * @param adminToken the lab's admin token
	 */
	public ServiceProfiler(RestClient client, Map<String, URI> services, String adminToken) {
		this.client = client;
		this.services = services;
		this.adminToken = adminToken;
	}

	/**
	 * The last seconds of the service's flight recorder: returns at once, and covers a
	 * spike that is already over.
	 * @param service a service
	 * @param modes {@code wall}, {@code lock}, {@code alloc}
	 * @param seconds how far back
	 * @return the profile
	 */
	public Profile recent(String service, List<String> modes, int seconds) {
		return fetch(service, "/admin/profiler/recent", modes, seconds);
	}

	/**
	 * Profiles the service now with async-profiler; blocks for the capture.
	 * @param service a service
	 * @param modes {@code cpu}, {@code wall}, {@code lock}, {@code alloc}
	 * @param seconds how long
	 * @return the profile
	 */
	public Profile live(String service, List<String> modes, int seconds) {
		return fetch(service, "/admin/profiler/captures", modes, seconds);
	}

	/**
	 * @param service a name
	 * @return whether the toolkit knows where it runs
	 */
	public boolean knows(String service) {
		return this.services.containsKey(service);
	}

	private Profile fetch(String service, String path, List<String> modes, int seconds) {
		URI base = this.services.get(service);
		if (base == null) {
			throw new IllegalArgumentException("Unknown service " + service + "; known: " + this.services.keySet());
		}
		JsonNode capture = this.client.post()
			.uri(base.resolve(path))
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.adminToken)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("modes", modes, "seconds", seconds))
			.retrieve()
			.body(JsonNode.class);
		Map<String, Profile.Mode> results = new LinkedHashMap<>();
		int length = capture.path("seconds").asInt(seconds);
		for (Map.Entry<String, JsonNode> mode : capture.path("modes").properties()) {
			String collapsed = get(base, mode.getValue().path("collapsed").asString(), String.class);
			byte[] page = get(base, mode.getValue().path("flameGraph").asString(), byte[].class);
			results.put(mode.getKey(),
					new Profile.Mode(CollapsedStacks.parse((collapsed != null) ? collapsed : "", length),
							(page != null) ? page : new byte[0]));
		}
		return new Profile(service, capture.path("id").asString(), capture.path("source").asString("async-profiler"),
				Instant.parse(capture.path("startedAt").asString(Instant.now().toString())), length, results);
	}

	private <T> T get(URI base, String path, Class<T> type) {
		return this.client.get()
			.uri(base.resolve(path))
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.adminToken)
			.retrieve()
			.body(type);
	}

}
