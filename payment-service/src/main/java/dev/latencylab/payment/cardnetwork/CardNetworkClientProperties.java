package dev.latencylab.payment.cardnetwork;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How payment-service reaches the card network ({@code payment.network.client.*}).
 *
 * @param baseUrl the card network's address; empty for the simulator inside this service
 * ({@code http://127.0.0.1:<local port>})
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer: long enough for the network's slow
 * tail to show (the fix of {@code payment-slow-network} shortens it)
 */
@ConfigurationProperties("payment.network.client")
public record CardNetworkClientProperties(@DefaultValue("") String baseUrl, @DefaultValue("1s") Duration connectTimeout,
		@DefaultValue("10s") Duration readTimeout) {
}
