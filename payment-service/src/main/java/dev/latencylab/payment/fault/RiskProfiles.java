package dev.latencylab.payment.fault;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The card's risk profile that the network sends with an authorization (the card's recent
 * transaction amounts), kept per order for the capture and for disputes. Plain Java, so
 * that {@link RiskProfileGcBenchmark} can drive it outside Spring.
 *
 * <p>
 * Two caches: the unbounded one of {@code payment-gc-pause} and the bounded one of its
 * fix. The unbounded one reproduces a classic: a map keyed by something that never
 * repeats (the order), whose only eviction is a memory watchdog that lets go of
 * everything when a full collection leaves the old generation nearly full. By then the
 * collector has already marked and compacted the whole cache, millions of small live
 * objects, in one stop-the-world pause of seconds; then the cache grows again, so the
 * pause comes back every cycle. Two guards keep the heap from running out: the watchdog
 * looks before each profile is added, on the thread that adds it (one that waited for the
 * collector's notification, delivered on another thread, lost that race on a busy
 * machine), and no profile is added while the old generation is more than
 * {@value #KEEP_BELOW} full, so that what authorizations allocate meanwhile still fits
 * when the full collection comes. The bounded cache keeps the newest profiles only (an
 * LRU of a fixed number of entries), so the live set stays small and full collections, if
 * any, are short.
 */
public final class RiskProfiles {

	/** The old generation's fill above which the unbounded cache adds nothing. */
	static final double KEEP_BELOW = 0.95;

	private final int entriesPerProfile;

	private final int maxBoundedProfiles;

	// payment-gc-pause: an unbounded cache keyed by a value that never repeats (the
	// order), emptied only once the heap is already full
	private final Map<UUID, RiskProfile> unbounded = new ConcurrentHashMap<>();

	// payment-gc-pause-fix: a bounded LRU cache, the newest profiles only
	private final Map<UUID, RiskProfile> bounded;

	private final AtomicLong releases = new AtomicLong();

	private final double releaseAt;

	private final MemoryPoolMXBean oldGeneration;

	// the collectors that collect the old generation (for the lab's serial collector,
	// the full collections only)
	private final List<GarbageCollectorMXBean> oldCollectors;

	private long oldCollectionsSeen;

	/**
	 * @param entriesPerProfile transaction amounts per profile (40 bytes each, in two
	 * objects)
	 * @param maxBoundedProfiles the bounded cache's size
	 * @param releaseAt the fraction of the old generation's maximum that, found in use
	 * after a full collection, empties the unbounded cache
	 */
	public RiskProfiles(int entriesPerProfile, int maxBoundedProfiles, double releaseAt) {
		this.entriesPerProfile = entriesPerProfile;
		this.maxBoundedProfiles = maxBoundedProfiles;
		this.releaseAt = releaseAt;
		this.bounded = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<UUID, RiskProfile> eldest) {
				return size() > RiskProfiles.this.maxBoundedProfiles;
			}

		};
		this.oldGeneration = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> isOldGeneration(pool.getName()))
			.findFirst()
			.orElse(null);
		this.oldCollectors = ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.filter((collector) -> this.oldGeneration != null
					&& Arrays.asList(collector.getMemoryPoolNames()).contains(this.oldGeneration.getName()))
			.toList();
		this.oldCollectionsSeen = oldCollections();
	}

	/**
	 * Keeps the profile the network sent for an order in the unbounded cache.
	 * @param orderId the order
	 * @param cardNumber the card
	 */
	public void keepUnbounded(UUID orderId, String cardNumber) {
		releaseIfTheOldGenerationStayedFull();
		RiskProfile profile = profile(orderId, cardNumber);
		if (this.oldGeneration == null || !oldGenerationAbove(this.oldGeneration.getUsage(), KEEP_BELOW)) {
			this.unbounded.put(orderId, profile);
		}
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
	 * @return how many times the memory watchdog emptied the unbounded cache
	 */
	public long releases() {
		return this.releases.get();
	}

	/**
	 * The memory watchdog: after a collection of the old generation that left it at least
	 * {@code releaseAt} full, empties the unbounded cache. Looks once per collection.
	 */
	private synchronized void releaseIfTheOldGenerationStayedFull() {
		long collections = oldCollections();
		if (collections == this.oldCollectionsSeen) {
			return;
		}
		this.oldCollectionsSeen = collections;
		if (oldGenerationAbove(this.oldGeneration.getCollectionUsage(), this.releaseAt) && !this.unbounded.isEmpty()) {
			this.unbounded.clear();
			this.releases.incrementAndGet();
		}
	}

	private static boolean oldGenerationAbove(MemoryUsage usage, double fraction) {
		return usage != null && usage.getMax() > 0 && usage.getUsed() >= usage.getMax() * fraction;
	}

	private long oldCollections() {
		return this.oldCollectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
	}

	private static boolean isOldGeneration(String pool) {
		return pool.contains("Old") || pool.contains("Tenured");
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

	/**
	 * @param orderId the order
	 * @param cardLast4 the card's last four digits
	 * @param recentAmounts the card's recent transaction amounts, in cents
	 */
	record RiskProfile(UUID orderId, String cardLast4, List<Integer> recentAmounts) {
	}

}
