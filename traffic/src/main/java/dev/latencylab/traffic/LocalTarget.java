package dev.latencylab.traffic;

import java.net.URI;

/**
 * Load goes to this machine only: a load test aimed at someone else's server by a typo is
 * an attack.
 */
public final class LocalTarget {

	private LocalTarget() {
	}

	/**
	 * @param target where load would go
	 * @return whether its host is this machine (127.0.0.1, localhost or ::1)
	 */
	public static boolean isLocal(URI target) {
		return target.getHost() != null && target.getHost().matches("127\\.0\\.0\\.1|localhost|\\[?::1]?");
	}

}
