package dev.latencylab.toolkit.traces;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriBuilder;

/**
 * Reads traces through Zipkin's v2 API ({@code /api/v2/traces}).
 */
public class ZipkinTraceSource implements TraceSource {

	private final RestClient client;

	private final String publicUrl;

	/**
	 * @param client a client whose base URL is Zipkin's, e.g.
	 * {@code http://127.0.0.1:9411}
	 * @param publicUrl Zipkin's base URL as a person's browser reaches it, for links
	 */
	public ZipkinTraceSource(RestClient client, String publicUrl) {
		this.client = client;
		this.publicUrl = publicUrl;
	}

	@Override
	public List<Trace> find(Query query) {
		JsonNode traces = this.client.get().uri((builder) -> uri(builder, query)).retrieve().body(JsonNode.class);
		List<Trace> result = new ArrayList<>();
		if (traces != null) {
			for (JsonNode trace : traces) {
				List<Span> spans = new ArrayList<>();
				for (JsonNode span : trace) {
					spans.add(span(span));
				}
				if (!spans.isEmpty()) {
					result.add(new Trace(spans.get(0).traceId(), spans));
				}
			}
		}
		return result;
	}

	/**
	 * Reads Zipkin's answer as a stream, one span at a time, keeping only the endpoint's:
	 * thousands of whole traces would not fit the toolkit's heap.
	 */
	@Override
	public List<Span> endpointSpans(Query query) {
		return this.client.get().uri((builder) -> uri(builder, query)).exchange((request, response) -> {
			if (response.getStatusCode().isError()) {
				throw new RestClientException(
						"Zipkin answered " + response.getStatusCode() + " to " + request.getURI());
			}
			List<Span> spans = new ArrayList<>();
			try (InputStream body = response.getBody(); JsonParser parser = TraceJson.STREAMING.createParser(body)) {
				JsonToken token = parser.nextToken();
				while (token != null) {
					if (token == JsonToken.START_OBJECT) {
						Span span = span(TraceJson.STREAMING.readTree(parser));
						if (query.isEndpoint(span)) {
							spans.add(span);
						}
					}
					token = parser.nextToken();
				}
			}
			return spans;
		});
	}

	private static URI uri(UriBuilder builder, Query query) {
		long endTs = query.to().toEpochMilli();
		long lookback = Math.max(1, endTs - query.from().toEpochMilli());
		UriBuilder uri = builder.path("/api/v2/traces")
			.queryParam("serviceName", query.service())
			.queryParam("endTs", endTs)
			.queryParam("lookback", lookback)
			.queryParam("limit", query.limit());
		if (query.operation() != null) {
			// Zipkin keeps span names in lower case
			uri.queryParam("spanName", query.operation().toLowerCase(Locale.ROOT));
		}
		if (!query.minDuration().isZero() || query.maxDuration() != null) {
			// Zipkin takes a maximum only with a minimum
			uri.queryParam("minDuration", Math.max(1, micros(query.minDuration())));
		}
		if (query.maxDuration() != null) {
			uri.queryParam("maxDuration", micros(query.maxDuration()));
		}
		if (!query.tags().isEmpty()) {
			uri.queryParam("annotationQuery", String.join(" and ",
					query.tags().entrySet().stream().map((tag) -> tag.getKey() + "=" + tag.getValue()).toList()));
		}
		return uri.build();
	}

	static Span span(JsonNode span) {
		Map<String, String> tags = new LinkedHashMap<>();
		span.path("tags").properties().forEach((entry) -> tags.put(entry.getKey(), entry.getValue().asString()));
		return new Span(span.path("traceId").asString(), span.path("id").asString(), span.path("parentId").asString(""),
				span.path("localEndpoint").path("serviceName").asString(""), span.path("name").asString(""),
				Span.Kind.of(span.path("kind").asString("INTERNAL")), span.path("timestamp").asLong(),
				span.path("duration").asLong(0), tags);
	}

	private static long micros(Duration duration) {
		return duration.toNanos() / 1000;
	}

	@Override
	public String link(String traceId) {
		return this.publicUrl + "/zipkin/traces/" + traceId;
	}

	@Override
	public String apiLink(String traceId) {
		return this.publicUrl + "/api/v2/trace/" + traceId;
	}

	@Override
	public String name() {
		return "Zipkin";
	}

}
