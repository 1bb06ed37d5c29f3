package dev.latencylab.toolkit.profiles;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each service's profile when it was healthy: what a diagnosis compares the window's
 * flame graphs with. Taken from the flight recorder now and then, only while nothing is
 * slow: neither checkout nor the service itself. A service can be sick behind a healthy
 * checkout (a timeout and a fallback hide its slow calls), and a baseline taken then
 * holds the fault's own frames: the next diagnosis would see no gain in them. A milder
 * unusual stretch (a call slower than usual, but not slow) passes that test; the last
 * {@value #KEPT} baselines are kept, and a frame's rate is its median over them
 * ({@link Baseline}).
 */
public class Baselines {

	static final List<String> MODES = List.of("wall", "lock", "alloc");

	/**
	 * How many baselines of a service are kept: a frame's rate in the baseline is its
	 * median over them, so one baseline taken in an unusual stretch is outvoted by two.
	 */
	static final int KEPT = 3;

	private static final Logger logger = LoggerFactory.getLogger(Baselines.class);

	private final Recorder profiler;

	private final List<String> services;

	private final int seconds;

	private final Predicate<String> healthy;

	/** Per service, its last {@value #KEPT} baselines, oldest first. */
	private final Map<String, Baseline> baselines = new ConcurrentHashMap<>();

	private final Duration interval;

	/** Per service, when its baseline was taken. */
	private final Map<String, Instant> taken = new ConcurrentHashMap<>();

	/**
	 * @param profiler reads the services' flight recorders
	 * @param services the services to keep a baseline of
	 * @param seconds the stretch a baseline covers
	 * @param healthy whether checkout and the service have been healthy for that stretch
	 * @param interval how old a baseline may get before it is taken again
	 */
	public Baselines(Recorder profiler, List<String> services, int seconds, Predicate<String> healthy,
			Duration interval) {
		this.interval = interval;
		this.profiler = profiler;
		this.services = services;
		this.seconds = seconds;
		this.healthy = healthy;
	}

	/**
	 * Takes a baseline of each service whose last one is older than the interval (or that
	 * has none) and that is healthy now; asked every minute, so that a service that was
	 * slow is tried again soon.
	 * @param now the time
	 */
	public void refreshIfDue(Instant now) {
		List<String> taking = new ArrayList<>();
		for (String service : this.services) {
			Instant last = this.taken.get(service);
			if (last != null && now.isBefore(last.plus(this.interval))) {
				continue;
			}
			if (!this.healthy.test(service)) {
				logger.debug("No baseline of {}: it or checkout was slow over the last {} s", service, this.seconds);
				continue;
			}
			try {
				Profile taken = this.profiler.recent(service, MODES, this.seconds);
				this.baselines.merge(service, new Baseline(List.of(taken)),
						(kept, added) -> kept.withNewest(taken, KEPT));
				this.taken.put(service, now);
				taking.add(service);
			}
			catch (RuntimeException ex) {
				logger.warn("No baseline of {}: {}", service, ex.getMessage());
			}
		}
		if (!taking.isEmpty()) {
			logger.info("Baselines of {} taken ({} s each)", taking, this.seconds);
		}
	}

	/**
	 * @param service a service
	 * @return its last {@value #KEPT} baselines (none when none was taken yet)
	 */
	public Baseline of(String service) {
		return this.baselines.getOrDefault(service, Baseline.none());
	}

	/**
	 * Reads a service's flight recorder: {@link ServiceProfiler#recent}.
	 */
	@FunctionalInterface
	public interface Recorder {

		/**
		 * @param service a service
		 * @param modes the profile's modes
		 * @param seconds how far back
		 * @return the profile
		 */
		Profile recent(String service, List<String> modes, int seconds);

	}

}
