package dev.latencylab.gateway;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import dev.latencylab.kit.LabMetrics;

/**
 * The {@code Admission} filter of a route ({@code application.yml}): sheds load early
 * when more arrives than the lab can serve, by {@link AdmissionProperties}'s rule, with
 * 503 {@code overloaded} and {@code Retry-After}, before any service does work for it.
 * The routes that use it share one count of requests in flight and one rate; the state is
 * this gateway's own (no store), so with several gateways each admits its share.
 */
@Component
@EnableConfigurationProperties(AdmissionProperties.class)
class AdmissionGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

	private final AdmissionProperties properties;

	private final AtomicInteger inFlight = new AtomicInteger();

	/** Guards the in-flight count's check, the arrivals and {@link #lastOverRate}. */
	private final Object admission = new Object();

	private final Arrivals arrivals;

	private final Counter shed;

	/** How long a window with more arrivals than the rate allows counts as overload. */
	private final long overRateFor;

	/** When the last arrival beyond the rate came (System.nanoTime()). */
	private long lastOverRate;

	AdmissionGatewayFilterFactory(AdmissionProperties properties, MeterRegistry meters) {
		this.properties = properties;
		this.arrivals = new Arrivals(properties.perWindow(), properties.window());
		this.overRateFor = Math.max(properties.window().toNanos(), Duration.ofSeconds(1).toNanos());
		this.lastOverRate = System.nanoTime() - this.overRateFor;
		Gauge.builder(LabMetrics.GATEWAY_IN_FLIGHT, this.inFlight, AtomicInteger::get)
			.description("Requests in flight on the routes with the admission filter")
			.register(meters);
		this.shed = Counter.builder(LabMetrics.GATEWAY_SHED)
			.description("Requests the gateway turned away as overload (503 overloaded)")
			.register(meters);
	}

	@Override
	public GatewayFilter apply(Object config) {
		return this::filter;
	}

	private Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		if (!this.properties.enabled()) {
			return chain.filter(exchange);
		}
		int inFlightWithThis;
		boolean turnAway;
		synchronized (this.admission) {
			// one decision at a time: two arrivals deciding at once could both count
			// themselves within the rate or within the free in-flight
			inFlightWithThis = this.inFlight.incrementAndGet();
			// every arrival counts towards the rate, the ones turned away too
			long now = System.nanoTime();
			if (this.arrivals.arrive(now)) {
				this.lastOverRate = now;
			}
			boolean overRate = now - this.lastOverRate < this.overRateFor;
			turnAway = overRate && inFlightWithThis > this.properties.freeInFlight();
			if (turnAway) {
				this.inFlight.decrementAndGet();
			}
		}
		if (turnAway) {
			this.shed.increment();
			Span.current().setAttribute("lab.admission", "shed");
			return Mono.error(new Overloaded(inFlightWithThis - 1, this.properties));
		}
		return chain.filter(exchange).doFinally((signal) -> this.inFlight.decrementAndGet());
	}

	/**
	 * A request turned away: 503 with {@code Retry-After}, the problem {@code overloaded}
	 * ({@link ProblemErrorHandler}).
	 */
	static final class Overloaded extends ResponseStatusException {

		private final HttpHeaders headers = new HttpHeaders();

		Overloaded(int inFlight, AdmissionProperties properties) {
			super(HttpStatus.SERVICE_UNAVAILABLE, ("The lab is taking more checkouts than it can serve: %d in flight, "
					+ "and more than %s a second arriving. This one was turned away before any service worked on it; "
					+ "try again in a second.")
				.formatted(inFlight, properties.rate() == Math.rint(properties.rate())
						? String.valueOf((long) properties.rate()) : String.valueOf(properties.rate())));
			long seconds = Math.max(1, (long) Math.ceil(properties.window().toMillis() / 1000.0));
			this.headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

	}

}
