package dev.latencylab.checkout.downstream;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the services checkout calls are, and how long to wait for them
 * ({@code checkout.downstream.*}).
 *
 * @param inventory inventory-service
 * @param fraud fraud-service
 * @param payment payment-service
 */
@ConfigurationProperties("checkout.downstream")
public record DownstreamProperties(Endpoint inventory, Endpoint fraud, Endpoint payment) {

	/**
	 * @param baseUrl the service's base URL
	 * @param connectTimeout how long to wait for a connection
	 * @param readTimeout how long to wait for an answer
	 */
	public record Endpoint(URI baseUrl, Duration connectTimeout, Duration readTimeout) {
	}

}
