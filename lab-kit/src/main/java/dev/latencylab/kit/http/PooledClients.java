package dev.latencylab.kit.http;

import java.time.Duration;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;

/**
 * The HTTP client a service calls another with: Apache HttpClient 5's classic client over
 * a pool of connections, behind Spring's {@code RestClient}. The caller's thread reads
 * the answer itself, where the JDK's client hands every exchange to its selector thread
 * and back: under 8 checkouts a second the JDK client's frames were 34.5 % of
 * checkout-service's CPU samples, and with this one checkout-service used 15-16 ms of CPU
 * a checkout instead of 25-27 ({@code docs/benchmarks.md}).
 *
 * <ul>
 * <li>No automatic retries: HttpClient would send an idempotent call again on its own
 * when its connection closed without an answer; whether a call may go twice is the
 * caller's to decide (checkout retries only what it knows is safe, with a budget).</li>
 * <li>A connection idle for {@value #KEEP_ALIVE_SECONDS} s is let go, under the services'
 * Tomcat keep-alive of 60 s, so that a call is never written onto a connection the server
 * is closing; one idle for more than a second is checked before it is used, so that a
 * killed service's connections are not ({@code ./lab chaos}).</li>
 * <li>Waiting for a free connection of the pool counts as connecting: it ends with the
 * connect timeout.</li>
 * </ul>
 */
public final class PooledClients {

	/** How long a connection may stay idle in the pool. */
	static final long KEEP_ALIVE_SECONDS = 30;

	/** Connections to one service at most, as many calls in flight to it. */
	static final int PER_SERVICE = 50;

	private PooledClients() {
	}

	/**
	 * @param connectTimeout how long a call may wait for a connection (the pool's or a
	 * new one)
	 * @param readTimeout how long it may wait for the answer
	 * @return a request factory for {@code RestClient.Builder#requestFactory}
	 */
	public static HttpComponentsClientHttpRequestFactory requestFactory(Duration connectTimeout, Duration readTimeout) {
		ConnectionConfig connections = ConnectionConfig.custom()
			.setConnectTimeout(Timeout.of(connectTimeout))
			.setValidateAfterInactivity(TimeValue.ofSeconds(1))
			.build();
		HttpComponentsClientHttpRequestFactory factory = new HttpComponentsClientHttpRequestFactory(HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setMaxConnPerRoute(PER_SERVICE)
				.setMaxConnTotal(2 * PER_SERVICE)
				.setDefaultConnectionConfig(connections)
				.build())
			.setKeepAliveStrategy((response, context) -> TimeValue.ofSeconds(KEEP_ALIVE_SECONDS))
			.evictExpiredConnections()
			.disableAutomaticRetries()
			.build());
		factory.setConnectionRequestTimeout(connectTimeout);
		factory.setReadTimeout(readTimeout);
		return factory;
	}

}
