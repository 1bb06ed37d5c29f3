package dev.latencylab.runner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Live async-profiler captures, back to back, on every service of a lab that has the
 * profiler endpoint (the gateway has none) until closed: what {@code ./lab capture} or
 * the toolkit does once, done all the time, so that a benchmark can measure what it
 * costs. Each capture takes every mode the endpoint offers (cpu, wall, lock and alloc)
 * for as long as the endpoint allows, and renders its flame graphs, as every capture
 * does.
 */
final class LiveCaptures implements AutoCloseable {

	/** The longest live capture the services' endpoint takes. */
	static final int SECONDS = 120;

	/** Every mode at once: the most a capture costs. */
	static final String BODY = "{\"modes\":[\"cpu\",\"wall\",\"lock\",\"alloc\"],\"seconds\":" + SECONDS + "}";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final List<Thread> threads = new ArrayList<>();

	private final AtomicInteger done = new AtomicInteger();

	private final AtomicReference<String> failure = new AtomicReference<>();

	private volatile boolean closed;

	private LiveCaptures() {
	}

	/**
	 * Starts capturing on every service of the lab.
	 * @param lab a running lab
	 * @return the captures, running until closed
	 */
	static LiveCaptures start(LocalLab lab) {
		Map<String, URI> endpoints = new LinkedHashMap<>();
		for (LabService service : LabService.values()) {
			if (service != LabService.GATEWAY) {
				endpoints.put(service.serviceName(), URI.create(lab.url(service) + "/admin/profiler/captures"));
			}
		}
		return start(endpoints, lab.adminToken());
	}

	/**
	 * Starts capturing.
	 * @param endpoints each service's live capture endpoint, by service name
	 * @param token the lab's admin token
	 * @return the captures, running until closed
	 */
	static LiveCaptures start(Map<String, URI> endpoints, String token) {
		LiveCaptures captures = new LiveCaptures();
		endpoints.forEach((service, uri) -> {
			Thread thread = new Thread(() -> captures.loop(service, uri, token), "live-captures-" + service);
			thread.setDaemon(true);
			thread.start();
			captures.threads.add(thread);
		});
		return captures;
	}

	/**
	 * @return how many captures have ended so far, over every service
	 */
	int done() {
		return this.done.get();
	}

	/**
	 * Stops starting captures (one that runs ends with its lab) and says whether every
	 * capture worked.
	 * @throws LabException when a capture failed: a figure measured without the profiler
	 * running is not the profiler's
	 */
	@Override
	public void close() {
		this.closed = true;
		this.threads.forEach(Thread::interrupt);
		String failed = this.failure.get();
		if (failed != null) {
			throw new LabException("a live capture failed, so the figures are not the profiler's: " + failed);
		}
	}

	private void loop(String service, URI uri, String token) {
		HttpRequest request = HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.timeout(Duration.ofSeconds(SECONDS + 60))
			.POST(HttpRequest.BodyPublishers.ofString(BODY))
			.build();
		while (!this.closed) {
			try {
				HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 201) {
					this.failure.compareAndSet(null,
							service + " answered " + response.statusCode() + ": " + response.body());
					return;
				}
				this.done.incrementAndGet();
			}
			catch (IOException ex) {
				if (!this.closed) {
					this.failure.compareAndSet(null, service + ": " + ex);
				}
				return;
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

}
