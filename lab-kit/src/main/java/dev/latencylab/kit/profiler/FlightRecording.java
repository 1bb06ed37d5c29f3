package dev.latencylab.kit.profiler;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;

import dev.latencylab.kit.ProblemException;

/**
 * The service's flight recorder: a JDK Flight Recorder recording that runs as long as the
 * service does and keeps the last minutes on disk, so that a spike can be looked at after
 * it happened. It samples running threads and threads in native code every 20 ms (as the
 * JDK's {@code default} settings, made to run in production), records monitor waits and
 * parks of 10 ms or more (as its {@code profile} settings), up to 100 allocation samples
 * a second (fewer than {@code default}'s 150) and the garbage collections.
 */
public class FlightRecording implements AutoCloseable {

	/** The recording's name, as {@code jcmd <pid> JFR.check} lists it. */
	public static final String NAME = "lab-flight-recorder";

	private static final Logger logger = LoggerFactory.getLogger(FlightRecording.class);

	private static final Duration SAMPLING_PERIOD = Duration.ofMillis(20);

	private static final Duration WAIT_THRESHOLD = Duration.ofMillis(10);

	private final Duration maxAge;

	private final Recording recording;

	private final String unavailable;

	/**
	 * Starts the recording. When the JVM has no flight recorder, the service runs without
	 * one and {@link #dump(Path)} says why.
	 * @param maxAge how far back the recording keeps events
	 */
	public FlightRecording(Duration maxAge) {
		this.maxAge = maxAge;
		Recording recording = null;
		String unavailable = null;
		try {
			recording = start(maxAge);
			logger.info("Flight recorder on: recording '{}' keeps the last {}", NAME, maxAge);
		}
		catch (RuntimeException ex) {
			// a JVM without a flight recorder still serves; only this endpoint is off
			unavailable = "this JVM's flight recorder cannot record: " + ex.getMessage();
			logger.warn("Flight recorder off: {}", unavailable);
		}
		this.recording = recording;
		this.unavailable = unavailable;
	}

	private static Recording start(Duration maxAge) {
		if (!FlightRecorder.isAvailable()) {
			throw new IllegalStateException("JDK Flight Recorder is not available");
		}
		Recording recording = new Recording();
		try {
			recording.setName(NAME);
			recording.setToDisk(true);
			recording.setMaxAge(maxAge);
			recording.enable("jdk.ExecutionSample").withPeriod(SAMPLING_PERIOD);
			recording.enable("jdk.NativeMethodSample").withPeriod(SAMPLING_PERIOD);
			recording.enable("jdk.JavaMonitorEnter").withThreshold(WAIT_THRESHOLD).withStackTrace();
			recording.enable("jdk.ThreadPark").withThreshold(WAIT_THRESHOLD).withStackTrace();
			recording.enable("jdk.ObjectAllocationSample").with("throttle", "100/s").withStackTrace();
			recording.enable("jdk.GarbageCollection");
			recording.start();
			return recording;
		}
		catch (RuntimeException ex) {
			recording.close();
			throw ex;
		}
	}

	/**
	 * @return how far back the recording keeps events
	 */
	public Duration maxAge() {
		return this.maxAge;
	}

	/**
	 * @return when the recording started, or {@code null} when it did not
	 */
	public Instant startedAt() {
		return (this.recording != null) ? this.recording.getStartTime() : null;
	}

	/**
	 * Writes what the flight recorder holds now (up to {@link #maxAge()} back) to a file.
	 * @param file the JFR file to write
	 * @throws IOException when the file cannot be written
	 * @throws ProblemException 503 when the flight recorder does not record
	 */
	public void dump(Path file) throws IOException {
		if (this.recording == null) {
			throw unavailable(this.unavailable);
		}
		if (this.recording.getState() != RecordingState.RUNNING) {
			throw unavailable(
					"the recording '" + NAME + "' is " + this.recording.getState().name().toLowerCase(Locale.ROOT)
							+ " (stopped from outside, or the service is stopping).");
		}
		// a snapshot flushes the threads' buffers, so it holds events up to this moment
		try (Recording snapshot = FlightRecorder.getFlightRecorder().takeSnapshot()) {
			snapshot.dump(file);
		}
	}

	/**
	 * Stops the recording and deletes what it kept.
	 */
	@Override
	public void close() {
		if (this.recording != null) {
			this.recording.close();
		}
	}

	static ProblemException unavailable(String why) {
		return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "profiler-unavailable", "Profiler unavailable",
				"The flight recorder is off on this service: " + why);
	}

}
