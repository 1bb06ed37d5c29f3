package dev.latencylab.gateway;

import java.net.ConnectException;
import java.net.URI;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers every gateway failure as RFC 9457 problem details: 503 when a service cannot be
 * reached or its circuit breaker is open or the gateway sheds load, 504 when it does not
 * answer in time, the status itself for routing errors.
 */
@Component
@Order(-2)
class ProblemErrorHandler implements ErrorWebExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemErrorHandler.class);

	private final JsonMapper jsonMapper;

	ProblemErrorHandler(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(ex);
		}
		ProblemDetail problem = problemFor(ex);
		problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
		if (ex instanceof ResponseStatusException status) {
			// Retry-After of a shed request, Allow of a 405
			response.getHeaders().addAll(status.getHeaders());
		}
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		DataBuffer body = response.bufferFactory().wrap(this.jsonMapper.writeValueAsBytes(problem));
		return response.writeWith(Mono.just(body));
	}

	/**
	 * @param ex why the gateway could not relay a request
	 * @return the problem to answer
	 */
	static ProblemDetail problemFor(Throwable ex) {
		if (causedBy(ex, CallNotPermittedException.class)) {
			return problem(HttpStatus.SERVICE_UNAVAILABLE, "upstream-circuit-open", "Service unavailable",
					"The service behind this route failed repeatedly; the gateway stops sending it requests for a "
							+ "few seconds. Try again shortly.");
		}
		if (causedBy(ex, ConnectException.class) || causedBy(ex, io.netty.channel.ConnectTimeoutException.class)) {
			return problem(HttpStatus.SERVICE_UNAVAILABLE, "upstream-unavailable", "Service unavailable",
					"The service behind this route cannot be reached.");
		}
		if (causedBy(ex, TimeoutException.class)) {
			return problem(HttpStatus.GATEWAY_TIMEOUT, "upstream-timeout", "Service timed out",
					"The service behind this route did not answer in time.");
		}
		if (ex instanceof AdmissionGatewayFilterFactory.Overloaded overloaded) {
			return problem(overloaded.getStatusCode(), "overloaded", "Overloaded", overloaded.getReason());
		}
		if (ex instanceof ResponseStatusException status) {
			HttpStatus resolved = HttpStatus.resolve(status.getStatusCode().value());
			String title = (resolved != null) ? resolved.getReasonPhrase() : "Error";
			String slug = switch (status.getStatusCode().value()) {
				case 404 -> "not-found";
				case 413 -> "body-too-large";
				default -> "gateway-error";
			};
			String detail = (status.getReason() != null) ? status.getReason() : title;
			return problem(status.getStatusCode(), slug, title, detail);
		}
		logger.error("Gateway failure", ex);
		return problem(HttpStatus.BAD_GATEWAY, "gateway-error", "Gateway error",
				"The gateway could not relay this request.");
	}

	private static ProblemDetail problem(HttpStatusCode status, String slug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("https://latency-lab.dev/problems/" + slug));
		problem.setTitle(title);
		return problem;
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

}
