package dev.latencylab.load;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Properties;

import dev.latencylab.traffic.LocalTarget;

/**
 * A simulation's parameters, read from system properties ({@code -Drate=4} given to Maven
 * reaches the forked Gatling JVM; {@link LoadRun} passes them the same way). A value that
 * does not parse stops the run before it starts, naming the property.
 */
public final class LoadProperties {

	/** Where the lab's gateway answers by default: the local lab and compose alike. */
	public static final String DEFAULT_BASE_URL = "http://127.0.0.1:8080";

	private final Properties properties;

	LoadProperties(Properties properties) {
		this.properties = properties;
	}

	/**
	 * The system properties of this JVM.
	 * @return the parameters
	 */
	public static LoadProperties system() {
		return new LoadProperties(System.getProperties());
	}

	/**
	 * The gateway to send to: {@code -DbaseUrl}. Only this machine unless
	 * {@code -DallowRemoteTarget=true}: a load test aimed at someone else's server by a
	 * typo is an attack.
	 * @return the base URL, without a trailing slash
	 */
	public String baseUrl() {
		String baseUrl = string("baseUrl", DEFAULT_BASE_URL).replaceAll("/+$", "");
		URI uri;
		try {
			uri = URI.create(baseUrl);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("baseUrl " + baseUrl + " is not a URL", ex);
		}
		if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
			throw new IllegalArgumentException("baseUrl must be an http(s) URL, got " + baseUrl);
		}
		if (!LocalTarget.isLocal(uri) && !flag("allowRemoteTarget")) {
			throw new IllegalArgumentException("baseUrl " + baseUrl
					+ " is not on this machine; pass -DallowRemoteTarget=true if you mean to load it");
		}
		return baseUrl;
	}

	/**
	 * A text property.
	 * @param name the property
	 * @param defaultValue when it is not set (or blank)
	 * @return its value
	 */
	public String string(String name, String defaultValue) {
		String value = this.properties.getProperty(name);
		return (value == null || value.isBlank()) ? defaultValue : value.trim();
	}

	/**
	 * A positive number.
	 * @param name the property
	 * @param defaultValue when it is not set
	 * @return its value
	 */
	public double positive(String name, double defaultValue) {
		double value = number(name).orElse(defaultValue);
		if (!(value > 0)) {
			throw new IllegalArgumentException(name + " must be above 0, got " + value);
		}
		return value;
	}

	/**
	 * A number that is 0 or more.
	 * @param name the property
	 * @param defaultValue when it is not set
	 * @return its value
	 */
	public double atLeastZero(String name, double defaultValue) {
		double value = number(name).orElse(defaultValue);
		if (!(value >= 0)) {
			throw new IllegalArgumentException(name + " must be 0 or more, got " + value);
		}
		return value;
	}

	/**
	 * A whole number that is 0 or more.
	 * @param name the property
	 * @param defaultValue when it is not set
	 * @return its value
	 */
	public int count(String name, int defaultValue) {
		double value = atLeastZero(name, defaultValue);
		if (value != Math.rint(value) || value > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(name + " must be a whole number, got " + value);
		}
		return (int) value;
	}

	/**
	 * A duration given in seconds (fractions allowed).
	 * @param name the property
	 * @param defaultSeconds when it is not set
	 * @return its value
	 */
	public Duration seconds(String name, double defaultSeconds) {
		return Duration.ofMillis(Math.round(positive(name, defaultSeconds) * 1000));
	}

	/**
	 * A number that may be left out.
	 * @param name the property
	 * @return its value, empty when it is not set
	 */
	public OptionalDouble number(String name) {
		String value = string(name, null);
		if (value == null) {
			return OptionalDouble.empty();
		}
		try {
			return OptionalDouble.of(Double.parseDouble(value));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a number, got '" + value + "'", ex);
		}
	}

	/**
	 * A switch: true for {@code true}, {@code yes}, {@code on} or {@code 1}.
	 * @param name the property
	 * @return whether it is set and true
	 */
	public boolean flag(String name) {
		return string(name, "false").toLowerCase(Locale.ROOT).matches("true|yes|on|1");
	}

}
