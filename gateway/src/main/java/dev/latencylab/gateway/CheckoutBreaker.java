package dev.latencylab.gateway;

import java.net.URI;
import java.util.LinkedHashSet;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * The checkout route's circuit breaker ({@value #NAME}, the {@code CircuitBreaker} filter
 * in {@code application.yml}) and its fallback: the request timeout, when to open, and
 * the problem a caller gets instead of checkout's answer.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CheckoutBreakerProperties.class)
class CheckoutBreaker {

	/** The breaker's name: the {@code name} tag of its {@code resilience4j_*} metrics. */
	static final String NAME = "checkout";

	/** Where the route forwards a request the breaker failed or rejected. */
	static final String FALLBACK_PATH = "/fallback/checkout";

	private static final Logger logger = LoggerFactory.getLogger(CheckoutBreaker.class);

	private static final AttributeKey<String> BREAKER = AttributeKey.stringKey("resilience4j.name");

	private static final AttributeKey<String> STATE = AttributeKey.stringKey("resilience4j.state");

	// Resilience4j's Spring Boot auto-configuration, which would make the registries, is
	// left out. The breaker is made here, at start-up, so that its metrics exist before
	// the first checkout; Spring Cloud then finds it by name.
	@Bean
	CircuitBreakerRegistry circuitBreakerRegistry(CheckoutBreakerProperties properties) {
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
		registry.circuitBreaker(NAME, breakerConfig(properties))
			.getEventPublisher()
			.onStateTransition((event) -> logger.warn("Circuit breaker {} of the checkout route: {}", NAME,
					event.getStateTransition()));
		return registry;
	}

	@Bean
	TimeLimiterRegistry timeLimiterRegistry(CheckoutBreakerProperties properties) {
		TimeLimiterRegistry registry = TimeLimiterRegistry.ofDefaults();
		registry.timeLimiter(NAME, timeLimiterConfig(properties));
		return registry;
	}

	@Bean
	Customizer<ReactiveResilience4JCircuitBreakerFactory> checkoutBreakerCustomizer(
			CheckoutBreakerProperties properties) {
		return (factory) -> factory.configure((builder) -> builder.circuitBreakerConfig(breakerConfig(properties))
			.timeLimiterConfig(timeLimiterConfig(properties)), NAME);
	}

	private static CircuitBreakerConfig breakerConfig(CheckoutBreakerProperties properties) {
		return CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(properties.slidingWindowSize())
			.minimumNumberOfCalls(properties.minimumNumberOfCalls())
			.failureRateThreshold(properties.failureRateThreshold())
			.slowCallDurationThreshold(properties.slowCallDurationThreshold())
			.waitDurationInOpenState(properties.waitInOpenState())
			.permittedNumberOfCallsInHalfOpenState(properties.permittedCallsInHalfOpenState())
			.build();
	}

	private static TimeLimiterConfig timeLimiterConfig(CheckoutBreakerProperties properties) {
		return TimeLimiterConfig.custom().timeoutDuration(properties.requestTimeout()).build();
	}

	@Bean
	OriginalRequestUrl originalRequestUrl() {
		return new OriginalRequestUrl();
	}

	@Bean
	RouterFunction<ServerResponse> checkoutFallback() {
		return RouterFunctions.route(RequestPredicates.path(FALLBACK_PATH), CheckoutBreaker::fallback);
	}

	/**
	 * Answers the problem for the failure the breaker saw: 503
	 * {@code upstream-circuit-open} while it is open, 504 {@code upstream-timeout} after
	 * the request timeout, 503 {@code upstream-unavailable} when checkout cannot be
	 * reached.
	 */
	private static Mono<ServerResponse> fallback(ServerRequest request) {
		Throwable failure = request.exchange()
			.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
		if (failure == null) {
			// asked for directly, not forwarded by the route
			return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
		}
		if (failure instanceof CallNotPermittedException) {
			Span.current()
				.addEvent("resilience4j.circuitbreaker.rejected", Attributes.of(BREAKER, NAME, STATE, "OPEN"));
		}
		ProblemDetail problem = ProblemErrorHandler.problemFor(failure);
		problem.setInstance(originalPath(request));
		return ServerResponse.status(problem.getStatus())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(problem);
	}

	private static URI originalPath(ServerRequest request) {
		LinkedHashSet<URI> original = request.exchange()
			.getAttribute(ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR);
		URI uri = (original != null && !original.isEmpty()) ? original.iterator().next() : request.uri();
		return URI.create(uri.getPath());
	}

	/**
	 * Remembers the URL the caller asked for, before anything forwards the request: the
	 * fallback answers under another path but names the caller's in its problem.
	 */
	static final class OriginalRequestUrl implements GlobalFilter, Ordered {

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
			ServerWebExchangeUtils.addOriginalRequestUrl(exchange, exchange.getRequest().getURI());
			return chain.filter(exchange);
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

}
