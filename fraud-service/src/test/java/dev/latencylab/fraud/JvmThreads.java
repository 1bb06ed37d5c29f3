package dev.latencylab.fraud;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The threads of the test JVM, where the service under test runs, as a thread dump shows
 * them: what the tests of the CPU and lock faults look for.
 */
public final class JvmThreads {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private JvmThreads() {
	}

	/**
	 * @param state the state the thread is in
	 * @param which what else is true of it (its stack, the lock it waits for)
	 * @return the first such thread of a dump taken now
	 */
	public static Optional<ThreadInfo> find(Thread.State state, Predicate<ThreadInfo> which) {
		return Arrays.stream(THREADS.dumpAllThreads(false, false))
			.filter((thread) -> thread.getThreadState() == state)
			.filter(which)
			.findFirst();
	}

	/**
	 * @param thread a thread of a dump
	 * @return the CPU time it has used so far, in nanoseconds
	 */
	public static long cpuTime(ThreadInfo thread) {
		return THREADS.getThreadCpuTime(thread.getThreadId());
	}

}
