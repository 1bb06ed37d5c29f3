package dev.latencylab.kit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings every lab service shares, under {@code lab.*}.
 *
 * @param http limits applied to incoming HTTP requests
 * @param admin protection of the admin endpoints
 */
@ConfigurationProperties("lab")
public record LabKitProperties(@DefaultValue Http http, @DefaultValue Admin admin) {

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

}
