package dev.latencylab.checkout.saga;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.latencylab.kit.FlagContext;
import dev.latencylab.kit.LabFlags;

/**
 * The run-time switch of checkout's resilience: the flag {@value #FLAG}, evaluated for
 * every call. Off, checkout calls its downstream services as it always did (10 s read
 * timeouts, no breaker, no bulkhead, no fallback); on, with the guards of
 * {@link ResilienceProperties}. Logs when it turns on or off.
 */
@Component
public class ResilienceSwitch {

	/** The flag. */
	public static final String FLAG = "checkout-resilience";

	private static final Logger logger = LoggerFactory.getLogger(ResilienceSwitch.class);

	private final LabFlags flags;

	private final AtomicBoolean on = new AtomicBoolean();

	public ResilienceSwitch(LabFlags flags) {
		this.flags = flags;
	}

	/**
	 * @param context the order the call is for, or {@link FlagContext#none()}
	 * @return whether the call is guarded and failures fall back
	 */
	public boolean isOn(FlagContext context) {
		boolean isOn = this.flags.isOn(FLAG, context);
		if (this.on.getAndSet(isOn) != isOn) {
			if (isOn) {
				logger.info("{} is on: downstream calls have short timeouts, circuit breakers, bulkheads, "
						+ "retries of quick failures and fallbacks", FLAG);
			}
			else {
				logger.info("{} is off: downstream calls wait for their answer as before", FLAG);
			}
		}
		return isOn;
	}

}
