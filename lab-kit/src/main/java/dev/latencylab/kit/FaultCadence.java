package dev.latencylab.kit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When a periodic fault job is due: a first run soon after its fault is switched on (a
 * person who switches a fault on sees it within seconds, not after a whole period), then
 * one every period after the last run; nothing while the fault is off. A job asks
 * {@link #due} on a short tick and reports {@link #ran} when it ran.
 */
public final class FaultCadence {

	private final Duration firstRunAfter;

	private final Duration period;

	private final Clock clock;

	private Instant onSince;

	private Instant lastRun;

	/**
	 * @param firstRunAfter how long after the fault is switched on the first run is due
	 * @param period how long after a run the next one is due
	 * @param clock the time
	 */
	public FaultCadence(Duration firstRunAfter, Duration period, Clock clock) {
		this.firstRunAfter = firstRunAfter;
		this.period = period;
		this.clock = clock;
	}

	/**
	 * @param on whether the job's fault (or its fix, for a job that runs with either) is
	 * on now
	 * @return whether the job should run now
	 */
	public synchronized boolean due(boolean on) {
		Instant now = this.clock.instant();
		if (!on) {
			this.onSince = null;
			this.lastRun = null;
			return false;
		}
		if (this.onSince == null) {
			this.onSince = now;
		}
		Instant next = (this.lastRun != null) ? this.lastRun.plus(this.period) : this.onSince.plus(this.firstRunAfter);
		return !now.isBefore(next);
	}

	/**
	 * @param at when the run counts from: its start for a fixed rate, its end for a fixed
	 * delay
	 */
	public synchronized void ran(Instant at) {
		this.lastRun = at;
	}

}
