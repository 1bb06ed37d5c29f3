package dev.latencylab.traffic;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The products load asks for: SKU-00001 to SKU-01000 (docs/contracts.md), the first few
 * of them hot (where the inventory faults act).
 *
 * @param hotSkus number of hot products, SKU-00001 on (1 to 100)
 */
public record Catalogue(int hotSkus) {

	/** The number of products in the catalogue. */
	public static final int SIZE = 1000;

	public Catalogue {
		if (hotSkus < 1 || hotSkus > 100) {
			throw new IllegalArgumentException("hot products must be 1 to 100, got " + hotSkus);
		}
	}

	/**
	 * @return any product, a third of the time a hot one
	 */
	public String anySku() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return sku((random.nextInt(3) == 0) ? 1 + random.nextInt(this.hotSkus) : 1 + random.nextInt(SIZE));
	}

	/**
	 * @param count how many
	 * @return that many distinct products, none of them hot
	 */
	public List<String> coldSkus(int count) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		Set<String> skus = new LinkedHashSet<>();
		while (skus.size() < count) {
			skus.add(sku(this.hotSkus + 1 + random.nextInt(SIZE - this.hotSkus)));
		}
		return List.copyOf(skus);
	}

	private static String sku(int product) {
		return "SKU-%05d".formatted(product);
	}

}
