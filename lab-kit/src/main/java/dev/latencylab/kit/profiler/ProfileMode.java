package dev.latencylab.kit.profiler;

import java.util.Locale;

/**
 * What a capture samples, as async-profiler names it.
 */
public enum ProfileMode {

	/** On-CPU time: where threads burn CPU (a hot regex, a busy loop). */
	CPU,

	/**
	 * Wall-clock time of every thread, running or not: where requests spend their time.
	 */
	WALL,

	/** Contended Java monitors and locks: who waits for which lock, and how long. */
	LOCK,

	/** Allocations, sampled by size: who fills the heap. */
	ALLOC;

	/**
	 * @return the name in URLs, flags of the converter and file names
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * @param id a mode's id, such as {@code wall}
	 * @return the mode, or {@code null} when there is none of that name
	 */
	static ProfileMode of(String id) {
		for (ProfileMode mode : values()) {
			if (mode.id().equals(id)) {
				return mode;
			}
		}
		return null;
	}

}
