package dev.latencylab.kit.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.context.SmartLifecycle;

import dev.latencylab.kit.LabMetrics;

/**
 * Measures how long the whole JVM stands still, the idea behind jHiccup: a thread asks to
 * wake every 10 ms and records how late it wakes. A GC pause shows here as long as it
 * lasts, and so does everything that is not GC: a process stopped by a signal or a
 * debugger, swapped out, starved by the host, a long safepoint. Read together with the GC
 * pause metrics, it tells a GC pause from any other stall.
 */
public final class HiccupMeter implements MeterBinder, SmartLifecycle {

	/** How often the meter's thread asks to wake. */
	static final Duration RESOLUTION = Duration.ofMillis(10);

	private volatile Timer hiccups;

	private volatile Thread thread;

	@Override
	public void bindTo(MeterRegistry registry) {
		this.hiccups = Timer.builder(LabMetrics.JVM_HICCUP)
			.description("How late a thread that asks to wake every 10 ms wakes up: the time the whole JVM stood still")
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
			LockSupport.parkNanos(resolution);
			long late = System.nanoTime() - asleep - resolution;
			Timer timer = this.hiccups;
			if (timer != null) {
				timer.record(Math.max(0, late), TimeUnit.NANOSECONDS);
			}
		}
	}

}
