package dev.latencylab.checkout.downstream;

import dev.latencylab.checkout.saga.ResilienceSwitch;
import dev.latencylab.kit.test.TestFlags;

/**
 * Switches {@code checkout-resilience} in the test's copy of the flags file and waits
 * until the service sees it (on, or every flag off again).
 */
public final class ResilienceFlag {

	private ResilienceFlag() {
	}

	public static void on(TestFlags flags) {
		flags.switchOn(ResilienceSwitch.FLAG);
	}

	public static void off(TestFlags flags) {
		// every flag of the file, checkout-resilience with them
		flags.reset();
	}

}
