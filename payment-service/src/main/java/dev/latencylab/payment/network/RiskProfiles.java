package dev.latencylab.payment.network;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;

/**
 * The card's risk profile that the network sends with an authorization (the card's recent
 * transaction amounts), kept per order for the capture and for disputes. Plain Java, so
 * that {@link RiskProfileGcBenchmark} can drive it outside Spring.
 *
 * <p>
 * Two caches: the unbounded one of {@code payment-gc-pause} and the bounded one of its
 * fix. The unbounded one reproduces a classic: a map keyed by something that never
 * repeats (the order), whose only eviction is a low-memory listener that lets go of
 * everything after the old generation was found full after a collection. By then the
 * collector has already marked and compacted the whole cache, millions of small live
 * objects, in one stop-the-world pause of seconds; then the cache grows again, so the
 * pause comes back every cycle. The bounded cache keeps the newest profiles only (an LRU
 * of a fixed number of entries), so the live set stays small and full collections, if
 * any, are short.
 */
public final class RiskProfiles implements AutoCloseable {

	private final int entriesPerProfile;

	private final int maxBoundedProfiles;

	// payment-gc-pause: an unbounded cache keyed by a value that never repeats (the
	// order), emptied only once the heap is already full
	private final Map<UUID, RiskProfile> unbounded = new ConcurrentHashMap<>();

	// payment-gc-pause-fix: a bounded LRU cache, the newest profiles only
	private final Map<UUID, RiskProfile> bounded;

	private final AtomicLong releases = new AtomicLong();

	private final NotificationEmitter memory;

	private final NotificationListener lowMemory;

	/**
	 * @param entriesPerProfile transaction amounts per profile (20 bytes each, in two
	 * objects)
	 * @param maxBoundedProfiles the bounded cache's size
	 * @param releaseAt the fraction of the old generation's maximum that, found in use
	 * after a collection, empties the unbounded cache
	 */
	public RiskProfiles(int entriesPerProfile, int maxBoundedProfiles, double releaseAt) {
		this.entriesPerProfile = entriesPerProfile;
		this.maxBoundedProfiles = maxBoundedProfiles;
		this.bounded = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<UUID, RiskProfile> eldest) {
				return size() > RiskProfiles.this.maxBoundedProfiles;
			}

		};
		MemoryPoolMXBean oldGeneration = oldGeneration();
		if (oldGeneration != null && oldGeneration.getUsage().getMax() > 0) {
			oldGeneration.setCollectionUsageThreshold((long) (oldGeneration.getUsage().getMax() * releaseAt));
		}
		this.memory = (NotificationEmitter) ManagementFactory.getMemoryMXBean();
		this.lowMemory = this::onLowMemory;
		this.memory.addNotificationListener(this.lowMemory, null, null);
	}

	/**
	 * Keeps the profile the network sent for an order in the unbounded cache.
	 * @param orderId the order
	 * @param cardNumber the card
	 */
	public void keepUnbounded(UUID orderId, String cardNumber) {
		this.unbounded.put(orderId, profile(orderId, cardNumber));
	}

	/**
	 * Keeps the profile the network sent for an order in the bounded cache.
	 * @param orderId the order
	 * @param cardNumber the card
	 */
	public void keepBounded(UUID orderId, String cardNumber) {
		RiskProfile profile = profile(orderId, cardNumber);
		synchronized (this.bounded) {
			this.bounded.put(orderId, profile);
		}
	}

	/**
	 * Empties both caches (the fault was switched off).
	 */
	public void clear() {
		this.unbounded.clear();
		synchronized (this.bounded) {
			this.bounded.clear();
		}
	}

	/**
	 * Empties the unbounded cache (the fix is on for every order).
	 */
	public void clearUnbounded() {
		this.unbounded.clear();
	}

	/**
	 * @return profiles in the unbounded cache
	 */
	public int unboundedSize() {
		return this.unbounded.size();
	}

	/**
	 * @return profiles in the bounded cache
	 */
	public int boundedSize() {
		synchronized (this.bounded) {
			return this.bounded.size();
		}
	}

	/**
	 * @return how many times the low-memory listener emptied the unbounded cache
	 */
	public long releases() {
		return this.releases.get();
	}

	@Override
	public void close() {
		try {
			this.memory.removeNotificationListener(this.lowMemory);
		}
		catch (javax.management.ListenerNotFoundException ex) {
			// already gone
		}
		clear();
	}

	private void onLowMemory(Notification notification, Object handback) {
		if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(notification.getType())
				&& !this.unbounded.isEmpty()) {
			this.unbounded.clear();
			this.releases.incrementAndGet();
		}
	}

	private RiskProfile profile(UUID orderId, String cardNumber) {
		// what a deserialized feed looks like in a heap: a linked list of boxed numbers,
		// two small objects per entry, so that marking them is what takes the time
		SplittableRandom random = new SplittableRandom(orderId.getLeastSignificantBits() ^ cardNumber.hashCode());
		LinkedList<Integer> amounts = new LinkedList<>();
		for (int i = 0; i < this.entriesPerProfile; i++) {
			amounts.add(1_000 + random.nextInt(1_000_000));
		}
		return new RiskProfile(orderId, cardNumber.substring(cardNumber.length() - 4), amounts);
	}

	private static MemoryPoolMXBean oldGeneration() {
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			String name = pool.getName();
			if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()
					&& (name.contains("Old") || name.contains("Tenured"))) {
				return pool;
			}
		}
		return null;
	}

	/**
	 * @param orderId the order
	 * @param cardLast4 the card's last four digits
	 * @param recentAmounts the card's recent transaction amounts, in cents
	 */
	record RiskProfile(UUID orderId, String cardLast4, List<Integer> recentAmounts) {
	}

}
