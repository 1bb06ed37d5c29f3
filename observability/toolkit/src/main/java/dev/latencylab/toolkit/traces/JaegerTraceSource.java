package dev.latencylab.toolkit.traces;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;

/**
 * Reads traces through Jaeger's query API ({@code /api/traces}), as its UI does.
 */
public class JaegerTraceSource implements TraceSource {

	private final RestClient client;

	private final String publicUrl;

	/**
	 * @param client a client whose base URL is Jaeger's query service, e.g.
	 * {@code http://jaeger:16686}
	 * @param publicUrl the query service's base URL as a person's browser reaches it (the
	 * UI is on the same port), for links
	 */
	public JaegerTraceSource(RestClient client, String publicUrl) {
		this.client = client;
		this.publicUrl = publicUrl;
	}

	@Override
	public List<Trace> find(Query query) {
		JsonNode answer = this.client.get().uri((builder) -> {
			UriBuilder uri = builder.path("/api/traces")
				.queryParam("service", query.service())
				.queryParam("start", query.from().toEpochMilli() * 1000)
				.queryParam("end", query.to().toEpochMilli() * 1000)
				.queryParam("limit", query.limit());
			if (query.operation() != null) {
				uri.queryParam("operation", query.operation());
			}
			if (!query.minDuration().isZero()) {
				uri.queryParam("minDuration", millis(query.minDuration()));
			}
			if (query.maxDuration() != null) {
				uri.queryParam("maxDuration", millis(query.maxDuration()));
			}
			if (!query.tags().isEmpty()) {
				// a JSON object of tags: passed as a variable, so that its braces are no
				// template
				uri.queryParam("tags", "{tags}");
				return uri.build(Map.of("tags", tagsJson(query.tags())));
			}
			return uri.build();
		}).retrieve().body(JsonNode.class);
		List<Trace> result = new ArrayList<>();
		if (answer != null) {
			for (JsonNode trace : answer.path("data")) {
				result.add(trace(trace));
			}
		}
		return result;
	}

	private static String tagsJson(Map<String, String> tags) {
		ObjectNode object = JsonNodeFactory.instance.objectNode();
		tags.forEach(object::put);
		return object.toString();
	}

	static Trace trace(JsonNode trace) {
		Map<String, String> services = new LinkedHashMap<>();
		trace.path("processes")
			.properties()
			.forEach((entry) -> services.put(entry.getKey(), entry.getValue().path("serviceName").asString("")));
		List<Span> spans = new ArrayList<>();
		for (JsonNode span : trace.path("spans")) {
			Map<String, String> tags = new LinkedHashMap<>();
			for (JsonNode tag : span.path("tags")) {
				tags.put(tag.path("key").asString(), tag.path("value").asString());
			}
			String parent = "";
			for (JsonNode reference : span.path("references")) {
				if ("CHILD_OF".equals(reference.path("refType").asString())) {
					parent = reference.path("spanID").asString();
				}
			}
			spans.add(new Span(span.path("traceID").asString(), span.path("spanID").asString(), parent,
					services.getOrDefault(span.path("processID").asString(), ""),
					span.path("operationName").asString(""), Span.Kind.of(tags.getOrDefault("span.kind", "internal")),
					span.path("startTime").asLong(), span.path("duration").asLong(0), tags));
		}
		return new Trace(trace.path("traceID").asString(), spans);
	}

	private static String millis(Duration duration) {
		return duration.toMillis() + "ms";
	}

	@Override
	public String link(String traceId) {
		return this.publicUrl + "/trace/" + traceId;
	}

	@Override
	public String apiLink(String traceId) {
		return this.publicUrl + "/api/traces/" + traceId;
	}

	@Override
	public String name() {
		return "Jaeger";
	}

}
