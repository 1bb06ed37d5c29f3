package dev.latencylab.payment.fault;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Drives {@link RiskProfiles} the way authorizations do under {@code payment-gc-pause}
 * (with {@code fault}) or its fix (with {@code fix}), at a given rate, and prints every
 * collection of 100 ms or more and, last, {@code max-pause-ms=N full-gcs=N}. With
 * {@code fault-once} it stops after the first cycle, when the cache was first let go of:
 * how long a machine takes to get there depends on how fast it touches fresh memory. Run
 * it with the JVM options of the lab's payment-service, e.g.
 *
 * <pre>
 * java -XX:+UseSerialGC -Xms2g -Xmx2g -Xmn64m -cp payment-service/target/test-classes:payment-service/target/classes \
 *     dev.latencylab.payment.fault.RiskProfileGcBenchmark fault 4 90
 * </pre>
 *
 * Arguments: {@code fault|fault-once|fix}, authorizations per second (default 4), seconds
 * (default 90), entries per profile (default 400000), bounded cache size (default 2),
 * release fraction (default 0.75).
 */
public final class RiskProfileGcBenchmark {

	private RiskProfileGcBenchmark() {
	}

	public static void main(String[] args) throws InterruptedException {
		String mode = arg(args, 0, "fault");
		boolean fault = !"fix".equals(mode);
		boolean once = "fault-once".equals(mode);
		double rate = Double.parseDouble(arg(args, 1, "4"));
		long seconds = Long.parseLong(arg(args, 2, "90"));
		int entries = Integer.parseInt(arg(args, 3, "400000"));
		int bounded = Integer.parseInt(arg(args, 4, "2"));
		double releaseAt = Double.parseDouble(arg(args, 5, "0.75"));
		RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
		System.out.printf("%s at %.1f/s for %d s, %d entries per profile; JVM %s %s%n", mode, rate, seconds, entries,
				runtime.getVmVersion(), runtime.getInputArguments());
		long started = System.nanoTime();
		AtomicLong maxPause = new AtomicLong();
		AtomicInteger fullCollections = new AtomicInteger();
		RiskProfiles profiles = new RiskProfiles(entries, bounded, releaseAt);
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
				GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
					.from((CompositeData) notification.getUserData());
				long millis = info.getGcInfo().getDuration();
				maxPause.accumulateAndGet(millis, Math::max);
				if (info.getGcAction().contains("major")) {
					fullCollections.incrementAndGet();
				}
				if (millis >= 100) {
					System.out.printf("%6.1f s  %-16s %-22s %5d ms  (cache: %d unbounded, %d bounded)%n",
							(System.nanoTime() - started) / 1e9, info.getGcName(), info.getGcCause(), millis,
							profiles.unboundedSize(), profiles.boundedSize());
				}
			}, null, null);
		}
		long periodNanos = (long) (1e9 / rate);
		long next = System.nanoTime();
		long end = next + seconds * 1_000_000_000L;
		// with fault-once, until the cycle ended: the watchdog let go of the cache and
		// this benchmark's own listener heard of the full collection
		while (System.nanoTime() < end && !(once && profiles.releases() > 0 && fullCollections.get() > 0)) {
			UUID orderId = UUID.randomUUID();
			if (fault) {
				profiles.keepUnbounded(orderId, "4111111111111111");
			}
			else {
				profiles.keepBounded(orderId, "4111111111111111");
			}
			next += periodNanos;
			long wait = next - System.nanoTime();
			if (wait > 0) {
				// the benchmark's own pacing, not part of the fault
				Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
			}
		}
		System.out.printf("max-pause-ms=%d full-gcs=%d releases=%d%n", maxPause.get(), fullCollections.get(),
				profiles.releases());
	}

	private static String arg(String[] args, int index, String fallback) {
		return (args.length > index) ? args[index] : fallback;
	}

}
