package dev.latencylab.kit;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings every lab service shares, under {@code lab.*}.
 *
 * @param http limits applied to incoming HTTP requests
 * @param admin protection of the admin endpoints
 * @param flags where the feature flags (faults and fixes) come from
 * @param profiler the profiler endpoint
 */
@ConfigurationProperties("lab")
public record LabKitProperties(@DefaultValue Http http, @DefaultValue Admin admin, @DefaultValue Flags flags,
		@DefaultValue Profiler profiler) {

	/**
	 * @param maxBodySize largest request body accepted; larger bodies get 413
	 */
	public record Http(@DefaultValue("64KB") DataSize maxBodySize) {
	}

	/**
	 * @param token the bearer token that admin endpoints ({@code /admin/**}) require;
	 * when empty, admin endpoints refuse every call
	 */
	public record Admin(@DefaultValue("") String token) {
	}

	/**
	 * @param path the flagd flags file every service of the lab reads (and the admin API
	 * edits); when it does not exist every flag is off
	 * @param pollInterval how often the file is checked for changes
	 * @param cohorts flags whose rollout splits orders into cohorts for a canary, besides
	 * every scenario's fix (and bad fix): see {@link CanaryCohorts}
	 */
	public record Flags(@DefaultValue("flags/flags.json") String path, @DefaultValue("1s") Duration pollInterval,
			@DefaultValue List<String> cohorts) {
	}

	/**
	 * @param maxDuration the longest capture the profiler endpoint takes
	 * @param defaultDuration a capture's length when the request names none
	 * @param keep how many captures each service keeps (older ones are deleted)
	 * @param directory where captures go; empty for a folder of the temporary directory
	 * @param recent the flight recorder, for captures of the recent past
	 */
	public record Profiler(@DefaultValue("120s") Duration maxDuration, @DefaultValue("15s") Duration defaultDuration,
			@DefaultValue("10") int keep, @DefaultValue("") String directory, @DefaultValue Recent recent) {

		/**
		 * @param enabled whether the service runs an always-on JDK Flight Recorder
		 * recording, so that {@code POST /admin/profiler/recent} can capture the recent
		 * past
		 * @param maxAge how far back the flight recorder keeps events: the longest window
		 * a capture of the recent past can ask for
		 */
		public record Recent(@DefaultValue("true") boolean enabled, @DefaultValue("5m") Duration maxAge) {
		}

	}

}
