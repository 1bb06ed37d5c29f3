package dev.latencylab.toolkit.diagnosis;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import dev.latencylab.toolkit.profiles.Baseline;
import dev.latencylab.toolkit.profiles.CollapsedStacks;
import dev.latencylab.toolkit.profiles.CollapsedStacks.FrameGain;
import dev.latencylab.toolkit.profiles.Profile;

/**
 * What the rules read from a profile: the services' own frame that gained the most over
 * the healthy baseline, among the stacks that wait for the network, PostgreSQL, the JDBC
 * pool or a lock, or that run.
 */
final class ProfileFrames {

	static final Pattern POOL = Pattern.compile("com\\.zaxxer\\.hikari");

	static final Pattern NETWORK = Pattern.compile("^(sun\\.nio\\.ch|java\\.net|jdk\\.internal\\.net)\\.");

	static final Pattern JDBC = Pattern.compile("^org\\.postgresql\\.");

	/**
	 * HTTP clients the OpenTelemetry agent traces: a wait in one of them is a call the
	 * traces show as a client span (Spring's request abstraction sits above any of them).
	 */
	static final Pattern HTTP_CLIENT = Pattern.compile(
			"^(org\\.springframework\\.http\\.client|org\\.apache\\.hc\\.client5|org\\.apache\\.http\\.impl\\.client|jdk\\.internal\\.net\\.http|sun\\.net\\.www\\.protocol\\.http|okhttp3|org\\.eclipse\\.jetty\\.client)\\.");

	/**
	 * A thread serving an HTTP request: a servlet container's or a reactive server's
	 * frames, or Spring's web dispatch, below the service's own; not a scheduled job's or
	 * a pool's background thread.
	 */
	static final Pattern SERVING = Pattern.compile(
			"^(jakarta\\.servlet|javax\\.servlet|org\\.apache\\.catalina|org\\.eclipse\\.jetty\\.server|io\\.undertow\\.server|reactor\\.netty\\.http\\.server|org\\.springframework\\.web\\.(servlet|reactive))\\.");

	/** A transaction begun through Spring's or Jakarta's transaction support. */
	static final Pattern TRANSACTION = Pattern
		.compile("^(org\\.springframework\\.transaction|jakarta\\.transaction|javax\\.transaction)\\.");

	private static final Pattern PARK = Pattern
		.compile("^(jdk\\.internal\\.misc\\.Unsafe\\.park|java\\.util\\.concurrent\\.locks\\.LockSupport\\.park)");

	private static final Pattern LOCK = Pattern.compile(
			"^java\\.util\\.concurrent\\.locks\\.(AbstractQueued(Long)?Synchronizer|ReentrantLock|ReentrantReadWriteLock|StampedLock)");

	private static final Pattern CONDITION = Pattern.compile("\\$ConditionObject\\.");

	/**
	 * A frame is named only with at least this share of its mode's weight in the window.
	 */
	static final double FRAME_SHARE = 0.05;

	/**
	 * Threads of the service waiting this long per second more than in the baseline (a
	 * fifth of a thread, all the time) is contention.
	 */
	static final double LOCK_WAIT_SECONDS_PER_SECOND = 0.2;

	private final Predicate<String> application;

	/**
	 * @param application which frames are the services' own code
	 */
	ProfileFrames(Predicate<String> application) {
		this.application = application;
	}

	/**
	 * @return whether a lock-mode stack waited for a lock another thread held: a monitor
	 * (not a park), or a park inside a lock of java.util.concurrent; not a wait for a
	 * result (an HTTP response's future), a condition, or a pooled connection
	 */
	static boolean isContention(CollapsedStacks.Stack stack) {
		if (stack.has(POOL)) {
			return false;
		}
		return !stack.has(PARK) || (stack.has(LOCK) && !stack.has(CONDITION));
	}

	/**
	 * @return whether a stack waits for the network in the services' own code
	 */
	boolean waitsForNetwork(CollapsedStacks.Stack stack) {
		return stack.has(NETWORK) && stack.deepest(this.application).isPresent();
	}

	/**
	 * @return whether a stack waits for the network in the services' own code outside a
	 * traced HTTP client: a remote call the traces do not show (a raw socket, a protocol
	 * of its own)
	 */
	boolean waitsForUntracedNetwork(CollapsedStacks.Stack stack) {
		return waitsForNetwork(stack) && !stack.has(HTTP_CLIENT);
	}

	/**
	 * @return how many seconds a second the service's own code waited more for monitors
	 * and locks (not the JDBC pool) in the window than in the baseline
	 */
	double lockWaitGain(Optional<Profile> profile, Baseline baseline) {
		Predicate<CollapsedStacks.Stack> own = (stack) -> isContention(stack)
				&& stack.deepest(this.application).isPresent();
		double window = profile.flatMap((p) -> p.stacks("lock")).map((stacks) -> stacks.only(own).rate()).orElse(0.0);
		return (window - baseline.rate("lock", own)) / 1e9;
	}

	/**
	 * @return the frame whose threads waited for a pooled connection, when they waited a
	 * fifth of a thread more than in the baseline: a moment's wait (the CI run of
	 * 2026-12-05 saw 0.26 ms a second behind a 5 s network call) starves nothing
	 */
	Optional<FrameGain> poolFrame(Optional<Profile> profile, Baseline baseline) {
		return frame(profile, baseline, "lock", (stack) -> stack.has(POOL))
			.filter((f) -> f.gain() >= LOCK_WAIT_SECONDS_PER_SECOND * 1e9);
	}

	/**
	 * @param profile the suspect's profile over the window
	 * @param baseline its recent profiles when it was healthy
	 * @param mode the flight recorder's mode to read
	 * @param keep the stacks that count
	 * @return the services' own frame that gained the most over the baseline, when it
	 * holds at least {@link #FRAME_SHARE} of the window's weight
	 */
	Optional<FrameGain> frame(Optional<Profile> profile, Baseline baseline, String mode,
			Predicate<CollapsedStacks.Stack> keep) {
		Optional<CollapsedStacks> window = profile.flatMap((p) -> p.stacks(mode)).map((stacks) -> stacks.only(keep));
		if (window.isEmpty() || window.get().total() == 0) {
			return Optional.empty();
		}
		List<CollapsedStacks> before = baseline.stacks(mode).stream().map((stacks) -> stacks.only(keep)).toList();
		List<FrameGain> gains = window.get().gainsOver(before, this.application);
		return gains.stream().findFirst().filter((gain) -> gain.gain() > 0 && gain.share() >= FRAME_SHARE);
	}

}
