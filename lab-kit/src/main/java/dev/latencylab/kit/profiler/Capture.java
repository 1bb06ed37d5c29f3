package dev.latencylab.kit.profiler;

import java.time.Instant;
import java.util.Map;

/**
 * One profiling capture of a service: what recorded it, when, how long, and for each mode
 * how many samples it took and where its flame graph (HTML) and collapsed stacks are.
 *
 * @param id the capture's id
 * @param service the application that was profiled
 * @param source what recorded it: {@value #ASYNC_PROFILER} (a live capture) or
 * {@value #FLIGHT_RECORDER} (the recent past, from the JDK Flight Recorder)
 * @param startedAt when the captured window started
 * @param seconds how long the window lasted
 * @param modes per mode, its samples and links
 */
public record Capture(String id, String service, String source, Instant startedAt, int seconds,
		Map<String, Result> modes) {

	/** The source of a live capture: async-profiler, sampling from the request on. */
	public static final String ASYNC_PROFILER = "async-profiler";

	/** The source of a capture of the recent past: the always-on JDK Flight Recorder. */
	public static final String FLIGHT_RECORDER = "flight-recorder";

	/**
	 * What one mode of a capture found.
	 *
	 * @param samples the sum of the collapsed stacks' counts: samples, or for a
	 * flight-recorder capture's {@code lock} nanoseconds waited and {@code alloc} bytes
	 * @param flameGraph the path of the flame graph page
	 * @param collapsed the path of the collapsed stacks (one line per stack:
	 * {@code frame;frame;frame count})
	 */
	public record Result(long samples, String flameGraph, String collapsed) {
	}

}
