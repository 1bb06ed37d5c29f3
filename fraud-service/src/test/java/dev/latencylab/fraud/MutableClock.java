package dev.latencylab.fraud;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A clock tests can set and move, standing in for the service's clock.
 */
public final class MutableClock extends Clock {

	private volatile Instant instant;

	MutableClock() {
		reset();
	}

	/** Back to the wall-clock time, in PostgreSQL's microsecond precision. */
	public void reset() {
		this.instant = Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	public void advance(Duration duration) {
		this.instant = this.instant.plus(duration);
	}

	@Override
	public Instant instant() {
		return this.instant;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("The test clock is UTC only");
	}

}
