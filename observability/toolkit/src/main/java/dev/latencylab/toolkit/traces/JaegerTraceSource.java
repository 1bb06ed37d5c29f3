package dev.latencylab.toolkit.traces;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriBuilder;

/**
 * Reads traces through Jaeger v2's query API v3 ({@code /api/v3/traces}): OTLP's JSON
 * encoding in a {@code {"result": ...}} envelope, one resource (a service) at a time.
 *
 * <p>
 * Read as a stream, one resource's spans at a time: a canary asks for thousands of
 * traces. Jaeger answers 404 ("No traces found") to a search that finds nothing, which is
 * an empty answer here. Span attributes asked for are also checked on the answer: not
 * every Jaeger 2.x filters by them ({@code query.attributes}).
 */
public class JaegerTraceSource implements TraceSource {

	/** OTLP's span kinds by number, as Jaeger's JSON writes them. */
	private static final List<Span.Kind> KINDS = List.of(Span.Kind.INTERNAL, Span.Kind.INTERNAL, Span.Kind.SERVER,
			Span.Kind.CLIENT, Span.Kind.PRODUCER, Span.Kind.CONSUMER);

	/** The same by name, as protobuf's JSON mapping writes them. */
	private static final List<String> KIND_NAMES = List.of("SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL",
			"SPAN_KIND_SERVER", "SPAN_KIND_CLIENT", "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER");

	private static final List<String> STATUS_NAMES = List.of("STATUS_CODE_UNSET", "STATUS_CODE_OK",
			"STATUS_CODE_ERROR");

	private static final int STATUS_ERROR = 2;

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
		Map<String, List<Span>> traces = new LinkedHashMap<>();
		read(query, (spans) -> spans
			.forEach((span) -> traces.computeIfAbsent(span.traceId(), (id) -> new ArrayList<>()).add(span)));
		List<Trace> result = new ArrayList<>();
		traces.forEach((id, spans) -> {
			if (spans.stream().anyMatch(query::hasTags)) {
				result.add(new Trace(id, spans));
			}
		});
		return result;
	}

	@Override
	public List<Span> endpointSpans(Query query) {
		List<Span> endpoint = new ArrayList<>();
		read(query, (spans) -> spans.stream().filter(query::isEndpoint).forEach(endpoint::add));
		return endpoint;
	}

	/**
	 * Asks for the query's traces and hands over the spans of one resource at a time.
	 */
	private void read(Query query, Consumer<List<Span>> resourceSpans) {
		this.client.get().uri((builder) -> uri(builder, query)).exchange((request, response) -> {
			if (response.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
				// Jaeger's answer to a search that found no trace
				return null;
			}
			if (response.getStatusCode().isError()) {
				throw new RestClientException(
						"Jaeger answered " + response.getStatusCode() + " to " + request.getURI());
			}
			try (InputStream body = response.getBody(); JsonParser parser = TraceJson.STREAMING.createParser(body)) {
				if (toResourceSpans(parser)) {
					while (parser.nextToken() == JsonToken.START_OBJECT) {
						resourceSpans.accept(spans(TraceJson.STREAMING.readTree(parser)));
					}
				}
			}
			return null;
		});
	}

	/**
	 * Moves the parser onto the start of {@code result.resourceSpans}.
	 * @return whether the answer has it
	 */
	private static boolean toResourceSpans(JsonParser parser) {
		int depth = 0;
		for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
			if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
				depth++;
			}
			else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
				depth--;
			}
			else if (token == JsonToken.PROPERTY_NAME && depth == 2 && "resourceSpans".equals(parser.currentName())) {
				return parser.nextToken() == JsonToken.START_ARRAY;
			}
		}
		return false;
	}

	private static URI uri(UriBuilder builder, Query query) {
		UriBuilder uri = builder.path("/api/v3/traces")
			.queryParam("query.service_name", query.service())
			.queryParam("query.start_time_min", query.from())
			.queryParam("query.start_time_max", query.to())
			// the name every Jaeger 2.x reads (newer ones also query.search_depth)
			.queryParam("query.num_traces", query.limit());
		if (query.operation() != null) {
			uri.queryParam("query.operation_name", query.operation());
		}
		if (!query.minDuration().isZero()) {
			uri.queryParam("query.duration_min", goDuration(query.minDuration()));
		}
		if (query.maxDuration() != null) {
			uri.queryParam("query.duration_max", goDuration(query.maxDuration()));
		}
		if (!query.tags().isEmpty()) {
			// a JSON object: passed as a variable, so that its braces are no template
			uri.queryParam("query.attributes", "{attributes}");
			return uri.build(Map.of("attributes", attributesJson(query.tags())));
		}
		return uri.build();
	}

	private static String attributesJson(Map<String, String> tags) {
		ObjectNode object = JsonNodeFactory.instance.objectNode();
		tags.forEach(object::put);
		return object.toString();
	}

	/**
	 * @return the duration as Go writes it, which Jaeger parses: {@code 1500000us}
	 */
	private static String goDuration(Duration duration) {
		return (duration.toNanos() / 1000) + "us";
	}

	/**
	 * @param resourceSpans one element of OTLP's {@code resourceSpans}
	 * @return its spans, each with the resource's service
	 */
	static List<Span> spans(JsonNode resourceSpans) {
		String service = attributes(resourceSpans.path("resource").path("attributes")).getOrDefault("service.name", "");
		List<Span> spans = new ArrayList<>();
		for (JsonNode scope : resourceSpans.path("scopeSpans")) {
			for (JsonNode span : scope.path("spans")) {
				spans.add(span(span, service));
			}
		}
		return spans;
	}

	private static Span span(JsonNode span, String service) {
		Map<String, String> tags = attributes(span.path("attributes"));
		JsonNode status = span.path("status");
		if (number(status.path("code"), STATUS_NAMES) == STATUS_ERROR) {
			// as Zipkin's exporter marks a failed span, which the toolkit reads alike
			tags.putIfAbsent("otel.status_code", "ERROR");
			tags.putIfAbsent("error", status.path("message").asString(""));
		}
		long start = nanos(span.path("startTimeUnixNano"));
		long end = nanos(span.path("endTimeUnixNano"));
		int kind = number(span.path("kind"), KIND_NAMES);
		return new Span(id(span.path("traceId")), id(span.path("spanId")), id(span.path("parentSpanId")), service,
				span.path("name").asString(""), (kind < KINDS.size()) ? KINDS.get(kind) : Span.Kind.INTERNAL,
				start / 1000, Math.max(0, end - start) / 1000, tags);
	}

	private static Map<String, String> attributes(JsonNode attributes) {
		Map<String, String> values = new LinkedHashMap<>();
		for (JsonNode attribute : attributes) {
			values.put(attribute.path("key").asString(), value(attribute.path("value")));
		}
		return values;
	}

	/**
	 * @param value an OTLP {@code AnyValue}: {@code {"stringValue": "..."}},
	 * {@code {"intValue": "42"}}...
	 */
	private static String value(JsonNode value) {
		for (String scalar : List.of("stringValue", "intValue", "boolValue", "doubleValue")) {
			if (value.has(scalar)) {
				return value.path(scalar).asString();
			}
		}
		// arrays, maps and bytes, as their JSON
		return value.properties().stream().findFirst().map((entry) -> entry.getValue().toString()).orElse("");
	}

	/**
	 * @return an enum's number, written as a number or by its name
	 */
	private static int number(JsonNode value, List<String> names) {
		return value.isNumber() ? value.asInt() : Math.max(0, names.indexOf(value.asString("")));
	}

	/**
	 * @return a 64-bit time, written as a string (protobuf's JSON for 64-bit numbers) or
	 * a number
	 */
	private static long nanos(JsonNode time) {
		return time.isNumber() ? time.asLong() : Long.parseLong(time.asString("0"));
	}

	/**
	 * @return a trace or span id in hex, as OTLP's JSON writes it (or, from an encoder
	 * that follows protobuf's JSON mapping instead, in base64)
	 */
	private static String id(JsonNode id) {
		String text = id.asString("");
		if (text.isEmpty() || text.chars().allMatch((c) -> Character.digit(c, 16) >= 0)) {
			return text;
		}
		return HexFormat.of().formatHex(Base64.getDecoder().decode(text));
	}

	@Override
	public String link(String traceId) {
		return this.publicUrl + "/trace/" + traceId;
	}

	@Override
	public String apiLink(String traceId) {
		return this.publicUrl + "/api/v3/traces/" + traceId;
	}

	@Override
	public String name() {
		return "Jaeger";
	}

}
