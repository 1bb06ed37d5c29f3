package dev.latencylab.toolkit.profiles;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each service's profile when the lab was healthy: what a diagnosis compares the window's
 * flame graphs with. Taken from the flight recorder now and then, only while nothing is
 * slow.
 */
public class Baselines {

	static final List<String> MODES = List.of("wall", "lock", "alloc");

	private static final Logger logger = LoggerFactory.getLogger(Baselines.class);

	private final ServiceProfiler profiler;

	private final List<String> services;

	private final int seconds;

	private final BooleanSupplier healthy;

	private final Map<String, Profile> baselines = new ConcurrentHashMap<>();

	private final Duration interval;

	private volatile Instant lastTaken;

	/**
	 * @param profiler reads the services' flight recorders
	 * @param services the services to keep a baseline of
	 * @param seconds the stretch a baseline covers
	 * @param healthy whether the lab has been healthy for that stretch
	 * @param interval how old a baseline may get before it is taken again
	 */
	public Baselines(ServiceProfiler profiler, List<String> services, int seconds, BooleanSupplier healthy,
			Duration interval) {
		this.interval = interval;
		this.profiler = profiler;
		this.services = services;
		this.seconds = seconds;
		this.healthy = healthy;
	}

	/**
	 * Takes a baseline of every service when the last one is older than the interval (or
	 * there is none) and the lab is healthy; asked every minute, so that a lab that was
	 * busy is tried again soon.
	 * @param now the time
	 */
	public void refreshIfDue(Instant now) {
		if (this.lastTaken != null && now.isBefore(this.lastTaken.plus(this.interval))) {
			return;
		}
		if (!this.healthy.getAsBoolean()) {
			logger.debug("Baselines not taken: checkout was not healthy over the last {} s", this.seconds);
			return;
		}
		refresh();
		this.lastTaken = now;
	}

	/**
	 * Takes a baseline of every service.
	 */
	void refresh() {
		for (String service : this.services) {
			try {
				this.baselines.put(service, this.profiler.recent(service, MODES, this.seconds));
			}
			catch (RuntimeException ex) {
				logger.warn("No baseline of {}: {}", service, ex.getMessage());
			}
		}
		logger.info("Baselines of {} taken ({} s each)", this.baselines.keySet(), this.seconds);
	}

	/**
	 * @param service a service
	 * @return its latest baseline, if one was taken
	 */
	public Optional<Profile> of(String service) {
		return Optional.ofNullable(this.baselines.get(service));
	}

}
