package dev.latencylab.kit.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A clock that stands still until a test moves it, for the time-dependent rules of the
 * services (reservation expiry, velocity windows, card expiry). It starts at the
 * wall-clock time in PostgreSQL's microsecond precision, so rows it stamps compare
 * sensibly with the database's own {@code now()}.
 *
 * <p>
 * {@code @Import(MutableClock.Configuration.class)} puts it before the service's own
 * {@code Clock} bean.
 */
public final class MutableClock extends Clock {

	private final AtomicReference<Instant> now = new AtomicReference<>();

	public MutableClock() {
		reset();
	}

	/** Back to the wall-clock time. */
	public void reset() {
		this.now.set(Instant.now().truncatedTo(ChronoUnit.MICROS));
	}

	public void advance(Duration duration) {
		this.now.updateAndGet((instant) -> instant.plus(duration));
	}

	@Override
	public Instant instant() {
		return this.now.get();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("the test clock stays in UTC");
	}

	/** Puts the test clock before the service's own. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return new MutableClock();
		}

	}

}
