package dev.latencylab.checkout.downstream;

import dev.latencylab.checkout.saga.ResilienceSwitch;
import dev.latencylab.kit.test.TestFlags;

/**
 * Switches {@code checkout-resilience} on in the test's copy of the flags file and waits
 * until the service sees it; a {@code ResilienceTest} puts every flag off again after
 * each test.
 */
public final class ResilienceFlag {

	private ResilienceFlag() {
	}

	public static void on(TestFlags flags) {
		flags.switchOn(ResilienceSwitch.FLAG);
	}

}
