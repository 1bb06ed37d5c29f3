package dev.latencylab.checkout.downstream;

import java.time.Duration;

import dev.latencylab.kit.FlagContext;
import dev.latencylab.kit.LabFlags;
import dev.latencylab.kit.test.TestFlags;

import static org.awaitility.Awaitility.await;

/**
 * Switches {@code checkout-resilience} in the test's copy of the flags file and waits
 * until the service sees it.
 */
public final class ResilienceFlag {

	private ResilienceFlag() {
	}

	public static void on(TestFlags flags) {
		flags.switchOn(ResilienceSwitch.FLAG);
	}

	public static void off(TestFlags flags, LabFlags labFlags) {
		flags.reset();
		await().atMost(Duration.ofSeconds(10)).until(() -> !labFlags.isOn(ResilienceSwitch.FLAG, FlagContext.none()));
	}

}
