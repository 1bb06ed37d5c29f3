package dev.latencylab.payment.fault;

import java.util.UUID;

/**
 * Picks the share of orders a fault acts on, the same way every time for the same order
 * (so a retry of a slow order is slow again, as a real issuer's slow path would be) and
 * independently for each fault.
 */
public final class TrafficShare {

	private TrafficShare() {
	}

	/**
	 * @param orderId the order
	 * @param fault the fault's name, so that two faults pick different orders
	 * @param share 0 (none) to 1 (every order)
	 * @return whether the order is in the share
	 */
	public static boolean includes(UUID orderId, String fault, double share) {
		if (share >= 1) {
			return true;
		}
		long h = orderId.getMostSignificantBits() * 31 + orderId.getLeastSignificantBits() + fault.hashCode();
		// SplitMix64's finalizer: neighbouring inputs land far apart
		h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
		h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
		h = h ^ (h >>> 31);
		return (h >>> 11) * 0x1.0p-53 < share;
	}

}
