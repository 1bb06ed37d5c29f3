package dev.latencylab.gateway;

import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.latencylab.kit.LabKitProperties;

/**
 * Refuses request bodies above {@code lab.http.max-body-size} (the services' own limit)
 * with 413 before anything reaches a service: a declared length at once, a chunked body
 * as soon as it crosses the limit. Relayed, a service's early 413 closes the connection
 * while the gateway still sends, and the caller sees a 502 instead.
 */
@Component
@EnableConfigurationProperties(LabKitProperties.class)
class BodyLimitFilter implements WebFilter, Ordered {

	private final long maxBytes;

	BodyLimitFilter(LabKitProperties properties) {
		this.maxBytes = properties.http().maxBodySize().toBytes();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long declared = exchange.getRequest().getHeaders().getContentLength();
		if (declared > this.maxBytes) {
			return Mono.error(tooLarge(declared + " bytes"));
		}
		if (declared >= 0) {
			return chain.filter(exchange);
		}
		AtomicLong read = new AtomicLong();
		ServerHttpRequestDecorator counted = new ServerHttpRequestDecorator(exchange.getRequest()) {

			@Override
			public Flux<DataBuffer> getBody() {
				return super.getBody().handle((buffer, sink) -> {
					if (read.addAndGet(buffer.readableByteCount()) > BodyLimitFilter.this.maxBytes) {
						DataBufferUtils.release(buffer);
						sink.error(tooLarge("more than " + BodyLimitFilter.this.maxBytes + " bytes"));
					}
					else {
						sink.next(buffer);
					}
				});
			}

		};
		return chain.filter(exchange.mutate().request(counted).build());
	}

	private ResponseStatusException tooLarge(String size) {
		return new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
				"The request body has " + size + "; at most " + this.maxBytes + " are accepted.");
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
