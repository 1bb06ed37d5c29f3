package dev.latencylab.kit.profiler;

import java.time.Instant;
import java.util.Map;

/**
 * One profiling capture of a service: when, how long, and for each mode how many samples
 * it took and where its flame graph (HTML) and collapsed stacks are.
 *
 * @param id the capture's id
 * @param service the application that was profiled
 * @param startedAt when the capture started
 * @param seconds how long it sampled
 * @param modes per mode, its samples and links
 */
public record Capture(String id, String service, Instant startedAt, int seconds, Map<String, Result> modes) {

	/**
	 * What one mode of a capture found.
	 *
	 * @param samples the samples (or, for lock and alloc, the weight) in the capture
	 * @param flameGraph the path of the flame graph page
	 * @param collapsed the path of the collapsed stacks (one line per stack:
	 * {@code frame;frame;frame count})
	 */
	public record Result(long samples, String flameGraph, String collapsed) {
	}

}
