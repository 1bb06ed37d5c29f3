package dev.latencylab.kit.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.context.SmartLifecycle;

import dev.latencylab.kit.LabMetrics;

/**
 * Measures how long the whole JVM stands still, the idea behind jHiccup: a thread asks to
 * wake every 50 ms and records how late it wakes. A GC pause shows here as long as it
 * lasts (less at most the 50 ms it was asleep anyway), and so does everything that is not
 * GC: a process stopped by a signal or a debugger, swapped out, starved by the host, a
 * long safepoint. Read together with the GC pause metrics, it tells a GC pause from any
 * other stall.
 * <p>
 * It sleeps rather than parks: the flight recorder keeps every park of 10 ms or more with
 * its stack, and 100 of the meter's own a second were most of what it kept (though not
 * most of its cost). Every 50 ms rather than 10: each wake-up is a context switch, a
 * measured 0.7 to 0.9 % of a core per JVM at 10 ms, and the stalls read from it (a second
 * and more, GC pauses worth an alert) are far longer than 50 ms (docs/benchmarks.md).
 */
public final class HiccupMeter implements MeterBinder, SmartLifecycle {

	/** How often the meter's thread asks to wake. */
	static final Duration RESOLUTION = Duration.ofMillis(50);

	private volatile Timer hiccups;

	private volatile Thread thread;

	@Override
	public void bindTo(MeterRegistry registry) {
		this.hiccups = Timer.builder(LabMetrics.JVM_HICCUP)
			.description("How late a thread that asks to wake every 50 ms wakes up: the time the whole JVM stood still")
			.serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
					Duration.ofSeconds(2), Duration.ofSeconds(5))
			.register(registry);
	}

	@Override
	public synchronized void start() {
		Thread meter = new Thread(this::measure, "lab-hiccup-meter");
		meter.setDaemon(true);
		this.thread = meter;
		meter.start();
	}

	@Override
	public synchronized void stop() {
		Thread meter = this.thread;
		this.thread = null;
		if (meter != null) {
			meter.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	private void measure() {
		long resolution = RESOLUTION.toNanos();
		while (this.thread == Thread.currentThread() && !Thread.currentThread().isInterrupted()) {
			long asleep = System.nanoTime();
			try {
				TimeUnit.NANOSECONDS.sleep(resolution);
			}
			catch (InterruptedException ex) {
				// stopped
				Thread.currentThread().interrupt();
				return;
			}
			long late = System.nanoTime() - asleep - resolution;
			Timer timer = this.hiccups;
			if (timer != null) {
				timer.record(Math.max(0, late), TimeUnit.NANOSECONDS);
			}
		}
	}

}
