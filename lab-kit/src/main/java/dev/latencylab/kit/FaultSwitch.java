package dev.latencylab.kit;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scenario of the catalogue as a code path sees it: off, the fault, or the fault with
 * its fix. Logs once when the fault or the fix first takes effect on this path, and once
 * when the scenario is off again; during a blind drill under the flag's opaque id and
 * without saying what it does.
 */
public final class FaultSwitch {

	private static final Logger logger = LoggerFactory.getLogger(FaultSwitch.class);

	private final LabFlags flags;

	private final Scenario scenario;

	private final String faultEffect;

	private final String fixEffect;

	private final AtomicBoolean faultLogged = new AtomicBoolean();

	private final AtomicBoolean fixLogged = new AtomicBoolean();

	/**
	 * @param flags the lab's flags
	 * @param scenario the scenario
	 * @param faultEffect what the fault does on this path, for the log
	 * @param fixEffect what the fix does on this path, for the log
	 */
	public FaultSwitch(LabFlags flags, Scenario scenario, String faultEffect, String fixEffect) {
		this.flags = flags;
		this.scenario = scenario;
		this.faultEffect = faultEffect;
		this.fixEffect = fixEffect;
	}

	/**
	 * How the path should behave for this order or job.
	 * @param context the order, or {@link FlagContext#none()} for background work
	 * @return {@link Mode#OFF} when the fault is off (the fix is then not asked),
	 * otherwise {@link Mode#FIXED} or {@link Mode#FAULT}
	 */
	public Mode mode(FlagContext context) {
		if (!this.flags.isOn(this.scenario.flag(), context)) {
			if (this.faultLogged.getAndSet(false) | this.fixLogged.getAndSet(false)) {
				logger.info("{} is off", this.flags.shown(this.scenario.flag()));
			}
			return Mode.OFF;
		}
		if (this.flags.isOn(this.scenario.fixFlag(), context)) {
			if (!this.fixLogged.getAndSet(true)) {
				logOn(this.scenario.fixFlag(), this.fixEffect, false);
			}
			return Mode.FIXED;
		}
		if (!this.faultLogged.getAndSet(true)) {
			logOn(this.scenario.flag(), this.faultEffect, true);
		}
		return Mode.FAULT;
	}

	private void logOn(String flag, String effect, boolean fault) {
		// a blind drill's log names neither the flag nor what it does
		if (this.flags.isBlind()) {
			logger.info("{} is on", this.flags.shown(flag));
		}
		else if (fault) {
			logger.warn("{} is on: {}", flag, effect);
		}
		else {
			logger.info("{} is on: {}", flag, effect);
		}
	}

	/**
	 * Marks the current span where the fault acted, so that a trace shows it.
	 * @param what what the fault did, e.g. {@code "card-network call slowed to 5s"}
	 */
	public void acted(String what) {
		this.flags.markFault(this.scenario.flag(), what);
	}

	/**
	 * Marks the current span where the fault or its fix acted, so that a trace shows
	 * which of the two ran.
	 * @param mode {@link Mode#FAULT} or {@link Mode#FIXED}, as {@link #mode} said
	 * @param what what it did, e.g. {@code "demand check of SKU-00001"}
	 */
	public void acted(Mode mode, String what) {
		this.flags.markFault((mode == Mode.FIXED) ? this.scenario.fixFlag() : this.scenario.flag(), what);
	}

	/**
	 * @return the scenario this switch serves
	 */
	public Scenario scenario() {
		return this.scenario;
	}

	public enum Mode {

		/** The scenario is off: the code behaves as it always did. */
		OFF,

		/** The fault acts. */
		FAULT,

		/** The fault is on but its fix removes the cause. */
		FIXED

	}

}
