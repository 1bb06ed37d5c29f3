package dev.latencylab.gateway;

import java.time.Duration;

/**
 * The last arrivals on the admission routes, to tell whether more than a number of them
 * came within one window ending now: a sliding window, so that a burst counts the same
 * wherever it falls. (A fixed-window limiter, such as Resilience4j's, lets twice its
 * number through when a burst straddles two of its windows.) Not thread-safe: the
 * admission filter calls it under its own lock.
 */
final class Arrivals {

	/**
	 * The times of the last {@code times.length} arrivals (System.nanoTime()), a ring.
	 */
	private final long[] times;

	private final long windowNanos;

	private int next;

	private int recorded;

	/**
	 * @param perWindow arrivals within one window that are within the rate
	 * @param window the window
	 */
	Arrivals(int perWindow, Duration window) {
		this.times = new long[perWindow];
		this.windowNanos = window.toNanos();
	}

	/**
	 * Records an arrival.
	 * @param now when it arrived (System.nanoTime())
	 * @return whether it is more than {@code perWindow} arrivals within the window ending
	 * now, itself included
	 */
	boolean arrive(long now) {
		// the oldest of the last perWindow arrivals; with this one they are perWindow + 1
		boolean overRate = this.recorded == this.times.length && now - this.times[this.next] < this.windowNanos;
		this.times[this.next] = now;
		this.next = (this.next + 1) % this.times.length;
		this.recorded = Math.min(this.recorded + 1, this.times.length);
		return overRate;
	}

}
