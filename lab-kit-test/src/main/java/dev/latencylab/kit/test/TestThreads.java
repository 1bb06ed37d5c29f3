package dev.latencylab.kit.test;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Threads for what a test runs at once or in the background (concurrent callers, a job
 * the test watches), stopped after each test so that none outlives it. Registered on a
 * field of the test class:
 *
 * <pre class="code">
 * &#064;RegisterExtension
 * final TestThreads callers = new TestThreads(32);
 * </pre>
 */
public final class TestThreads implements AfterEachCallback {

	private final ExecutorService executor;

	/**
	 * @param threads how many tasks run at once
	 */
	public TestThreads(int threads) {
		this.executor = Executors.newFixedThreadPool(threads);
	}

	public <T> Future<T> submit(Callable<T> task) {
		return this.executor.submit(task);
	}

	public Future<?> submit(Runnable task) {
		return this.executor.submit(task);
	}

	/** Interrupts what is still running. */
	@Override
	public void afterEach(ExtensionContext context) {
		this.executor.shutdownNow();
	}

}
