package dev.latencylab.toolkit.profiles;

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

	/**
	 * @param profiler reads the services' flight recorders
	 * @param services the services to keep a baseline of
	 * @param seconds the stretch a baseline covers
	 * @param healthy whether the lab has been healthy for that stretch
	 */
	public Baselines(ServiceProfiler profiler, List<String> services, int seconds, BooleanSupplier healthy) {
		this.profiler = profiler;
		this.services = services;
		this.seconds = seconds;
		this.healthy = healthy;
	}

	/**
	 * Takes a baseline of every service, if the lab is healthy.
	 */
	public void refresh() {
		if (!this.healthy.getAsBoolean()) {
			logger.info("Baselines not refreshed: the lab was not healthy in the last {} s", this.seconds);
			return;
		}
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
