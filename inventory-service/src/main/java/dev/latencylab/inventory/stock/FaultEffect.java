package dev.latencylab.inventory.stock;

import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.latencylab.kit.LabFlags;

/**
 * Logs once when a scenario's fault or fix takes effect (and when it stops), not on every
 * request or run it touches; during a blind drill under the flag's opaque id and without
 * saying what it does.
 */
final class FaultEffect {

	private static final Logger logger = LoggerFactory.getLogger(FaultEffect.class);

	enum Mode {

		OFF, FAULT, FIX

	}

	private final String scenario;

	private final LabFlags flags;

	private final AtomicReference<Mode> current = new AtomicReference<>(Mode.OFF);

	FaultEffect(String scenario, LabFlags flags) {
		this.scenario = scenario;
		this.flags = flags;
	}

	/**
	 * @param mode what acts now
	 * @param what one line on what that means, logged when the mode changes
	 */
	void now(Mode mode, String what) {
		Mode previous = this.current.getAndSet(mode);
		if (previous != mode) {
			String kind = (mode == Mode.FAULT) ? "fault" : "fix";
			if (this.flags.isBlind()) {
				logger.info("{}: {}", this.flags.shown(this.scenario),
						(mode == Mode.OFF) ? "off" : kind + " in effect");
			}
			else if (mode == Mode.OFF) {
				logger.info("{}: off ({})", this.scenario, what);
			}
			else {
				logger.warn("{}: {} in effect: {}", this.scenario, kind, what);
			}
		}
	}

}
