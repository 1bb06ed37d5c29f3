package dev.latencylab.runner;

import java.util.Arrays;

import org.apache.commons.statistics.descriptive.Quantile;

/**
 * Checkout latencies in milliseconds, and the figures a person reads from them: how many,
 * percentiles, the maximum. Keeps the most recent values up to a capacity. Not
 * thread-safe: its owner guards it.
 */
public final class Latencies {

	private final int capacity;

	private double[] values = new double[64];

	private int size;

	/** Where the next value goes once the capacity is reached. */
	private int next;

	public Latencies() {
		this(Integer.MAX_VALUE);
	}

	/**
	 * @param capacity how many of the most recent values are kept
	 */
	public Latencies(int capacity) {
		this.capacity = capacity;
	}

	public void add(double millis) {
		if (this.size < this.capacity) {
			if (this.size == this.values.length) {
				this.values = Arrays.copyOf(this.values, (int) Math.min(this.capacity, 2L * this.values.length));
			}
			this.values[this.size++] = millis;
			return;
		}
		this.values[this.next] = millis;
		this.next = (this.next + 1) % this.capacity;
	}

	/**
	 * @return how many values are kept
	 */
	public long n() {
		return this.size;
	}

	/**
	 * @param percent from 0 to 100
	 * @return the percentile (commons-statistics' default estimate), NaN without values
	 */
	public double percentile(double percent) {
		if (this.size == 0) {
			return Double.NaN;
		}
		return Quantile.withDefaults().evaluate(Arrays.copyOf(this.values, this.size), percent / 100);
	}

	/**
	 * @return the largest value, NaN without values
	 */
	public double max() {
		return Arrays.stream(this.values, 0, this.size).max().orElse(Double.NaN);
	}

	/** Forgets every value. */
	public void clear() {
		this.size = 0;
		this.next = 0;
	}

}
