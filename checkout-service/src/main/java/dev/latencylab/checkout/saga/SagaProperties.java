package dev.latencylab.checkout.saga;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the checkout saga ({@code checkout.saga.*}).
 *
 * @param captureAttempts how often a capture is tried before the order fails
 */
@ConfigurationProperties("checkout.saga")
public record SagaProperties(@DefaultValue("3") int captureAttempts) {
}
