package dev.latencylab.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import io.gatling.javaapi.core.Session;

/**
 * Names every checkout slower than a threshold, one line each, on standard output (and in
 * {@code spikeFile} when given): when it answered, what kind of order it was, how long it
 * took, its status, its order id and its key. The key is also the request's
 * {@code X-Request-Id}, so the line leads to the logs and, through the order id (span
 * attribute {@code order.id}), to the trace. Gatling's report shows that the tail exists;
 * this says which requests made it.
 */
public final class SpikeLog {

	private static final SpikeLog OFF = new SpikeLog(Double.NaN, null);

	private final double thresholdMs;

	private final Path file;

	private SpikeLog(double thresholdMs, Path file) {
		this.thresholdMs = thresholdMs;
		this.file = file;
	}

	/**
	 * The spike log the properties ask for: {@code spikeMs} (the threshold) and
	 * {@code spikeFile}.
	 * @param properties the run's parameters
	 * @param defaultThresholdMs the threshold when {@code spikeMs} is not set; NaN for
	 * none
	 * @return the spike log, {@link #isOn() off} without a threshold
	 */
	public static SpikeLog from(LoadProperties properties, double defaultThresholdMs) {
		double threshold = properties.number("spikeMs").orElse(defaultThresholdMs);
		if (Double.isNaN(threshold)) {
			return OFF;
		}
		if (!(threshold > 0)) {
			throw new IllegalArgumentException("spikeMs must be above 0, got " + threshold);
		}
		String file = properties.string("spikeFile", null);
		return new SpikeLog(threshold, (file != null) ? Path.of(file) : null);
	}

	/**
	 * @return whether slow checkouts are named
	 */
	public boolean isOn() {
		return !Double.isNaN(this.thresholdMs);
	}

	/**
	 * @return the threshold in milliseconds, NaN when off
	 */
	public double thresholdMs() {
		return this.thresholdMs;
	}

	/**
	 * Names the checkout of this session if it was slow or got no answer.
	 * @param session a session after the checkout request
	 */
	void record(Session session) {
		if (!isOn()) {
			return;
		}
		String line;
		if (!session.contains("millis")) {
			line = "spike: %s %s (%s): no answer, key %s".formatted(Instant.now(), session.getString("request"),
					session.getString("kind"), session.getString("idempotencyKey"));
		}
		else if (session.getInt("millis") >= this.thresholdMs) {
			line = "spike: %s %s (%s): %d ms, status %d, order %s, key %s".formatted(Instant.now(),
					session.getString("request"), session.getString("kind"), session.getInt("millis"),
					session.getInt("status"), session.contains("orderId") ? session.getString("orderId") : "none",
					session.getString("idempotencyKey"));
		}
		else {
			return;
		}
		System.out.println(line);
		if (this.file != null) {
			append(line);
		}
	}

	private synchronized void append(String line) {
		try {
			Path parent = this.file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Files.writeString(this.file, line + System.lineSeparator(), StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not append to spikeFile " + this.file, ex);
		}
	}

}
