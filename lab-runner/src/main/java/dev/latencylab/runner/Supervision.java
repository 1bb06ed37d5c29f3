package dev.latencylab.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Starts a part of the running lab again when it dies (a crash, {@code kill -9}, an
 * out-of-memory kill), as a process supervisor or Kubernetes would: a lab that stays
 * broken after one kill teaches nothing about recovery. A part that dies
 * {@value #CRASH_LOOP} times within a minute is left down, with a line saying so.
 * PostgreSQL is watched by its postmaster's pid and started again on its data.
 */
final class Supervision implements AutoCloseable {

	static final int CRASH_LOOP = 5;

	private final Function<String, Process> relaunch;

	private final Consumer<String> progress;

	private final Map<String, Deque<Instant>> exits = new ConcurrentHashMap<>();

	private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "lab-supervision");
		thread.setDaemon(true);
		return thread;
	});

	private volatile boolean closed;

	/**
	 * @param relaunch starts a part again by name, and returns its new process
	 * @param progress receives a line per restart
	 */
	Supervision(Function<String, Process> relaunch, Consumer<String> progress) {
		this.relaunch = relaunch;
		this.progress = progress;
	}

	/**
	 * Starts the part again whenever its process exits, until {@link #close()}.
	 * @param name the part
	 * @param process its process
	 */
	void watch(String name, Process process) {
		process.onExit().thenAccept((exited) -> exited(name, exited));
	}

	/**
	 * Starts PostgreSQL again when its postmaster is gone, checked every second.
	 * @param alive whether the postmaster runs
	 * @param restart starts it again
	 */
	void watchPostgres(BooleanSupplier alive, Runnable restart) {
		this.watcher.scheduleWithFixedDelay(() -> {
			if (this.closed || alive.getAsBoolean()) {
				return;
			}
			this.progress.accept("postgresql stopped; starting it again on its data");
			long started = System.nanoTime();
			try {
				restart.run();
				this.progress.accept("postgresql running again after "
						+ TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
			}
			catch (RuntimeException ex) {
				this.progress.accept("postgresql did not start again (" + ex.getMessage() + "); trying again");
			}
		}, 1, 1, TimeUnit.SECONDS);
	}

	private synchronized void exited(String name, Process process) {
		if (this.closed) {
			return;
		}
		Instant now = Instant.now();
		Deque<Instant> recent = this.exits.computeIfAbsent(name, (part) -> new ArrayDeque<>());
		recent.addLast(now);
		while (recent.peekFirst().isBefore(now.minus(Duration.ofMinutes(1)))) {
			recent.removeFirst();
		}
		if (recent.size() >= CRASH_LOOP) {
			this.progress.accept(name + " exited with code " + process.exitValue() + ", " + recent.size()
					+ " times within a minute: left down (./lab logs " + name + " says why)");
			return;
		}
		this.progress.accept(name + " exited with code " + process.exitValue() + "; starting it again");
		watch(name, this.relaunch.apply(name));
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		this.watcher.shutdownNow();
	}

}
