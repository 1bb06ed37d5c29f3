package dev.latencylab.toolkit.profiles;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A capture of one service, fetched from its profiler endpoint: per mode the collapsed
 * stacks and the flame graph page.
 *
 * @param service the service
 * @param captureId the capture's id on the service
 * @param source {@code flight-recorder} (a window of the always-on recording) or
 * {@code async-profiler} (a live capture)
 * @param startedAt when the captured stretch started
 * @param seconds its length
 * @param modes per mode ({@code wall}, {@code lock}, {@code alloc}, {@code cpu})
 */
public record Profile(String service, String captureId, String source, Instant startedAt, int seconds,
		Map<String, Mode> modes) {

	/**
	 * @param mode a mode
	 * @return its stacks, if the capture has that mode
	 */
	public Optional<CollapsedStacks> stacks(String mode) {
		return Optional.ofNullable(this.modes.get(mode)).map(Mode::stacks);
	}

	/**
	 * One mode of a capture.
	 *
	 * @param stacks its collapsed stacks
	 * @param flameGraph its flame graph page (async-profiler's HTML)
	 */
	public record Mode(CollapsedStacks stacks, byte[] flameGraph) {
	}

}
