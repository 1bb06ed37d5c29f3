package dev.latencylab.kit.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Request bodies a service must refuse, made from one it accepts: a value of the wrong
 * JSON type at any place in it, a number too large for any field, nesting thousands deep,
 * the body cut short, invalid UTF-8, random bytes, a body over the size limit, a body
 * that is not JSON at all. Each of them is wrong whatever the service's rules say, so
 * every answer must be a 4xx, and nothing may be written.
 *
 * <p>
 * Drawn from a seeded {@link SplittableRandom}, so that the same seed sends the same
 * bodies and a failing run can be repeated; a failure prints the body that caused it.
 */
public final class BodyFuzzer {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Requests in flight at once: the service's threads, not the client, set the pace.
	 */
	private static final int IN_FLIGHT = 4;

	/** Stands in for a value in the serialized body until it is replaced by raw text. */
	private static final String MARKER = "FUZZ-7f3a9c-MARKER";

	/** A lone continuation byte, a byte UTF-8 never uses, a cut sequence, a surrogate. */
	private static final List<byte[]> INVALID_UTF8 = List.of(new byte[] { (byte) 0xC3, 0x28 },
			new byte[] { (byte) 0xFF }, new byte[] { (byte) 0xE2, (byte) 0x82 },
			new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 });

	private final JsonNode valid;

	private final List<Place> places = new ArrayList<>();

	private final List<Place> textPlaces = new ArrayList<>();

	private final int maxBodyBytes;

	/**
	 * @param validBody a body the service accepts, with every field the API knows
	 * @param maxBodyBytes the service's body limit: one kind of body is larger
	 */
	public BodyFuzzer(String validBody, int maxBodyBytes) {
		this.valid = JSON.readTree(validBody);
		this.maxBodyBytes = maxBodyBytes;
		collect(this.valid, new ArrayList<>());
		if (this.textPlaces.isEmpty()) {
			throw new IllegalArgumentException("the valid body needs a string value somewhere: " + validBody);
		}
	}

	/**
	 * Sends {@code count} generated bodies, a few at a time.
	 * @param http the client
	 * @param uri where they go (POST)
	 * @param each adds what every request needs besides its body (a header, a key)
	 * @param count how many
	 * @param seed the generators' seed
	 * @return what came back
	 */
	public Report send(HttpClient http, URI uri, UnaryOperator<HttpRequest.Builder> each, int count, long seed) {
		List<Fuzzed> bodies = bodies(count, seed);
		Map<String, Integer> kinds = new TreeMap<>();
		bodies.forEach((fuzzed) -> kinds.merge(fuzzed.family(), 1, Integer::sum));
		Map<Integer, Integer> statuses = new ConcurrentSkipListMap<>();
		List<String> wrong = new CopyOnWriteArrayList<>();
		ExecutorService senders = Executors.newFixedThreadPool(IN_FLIGHT);
		try {
			List<Future<?>> sent = new ArrayList<>();
			for (Fuzzed fuzzed : bodies) {
				HttpRequest.Builder request = each.apply(HttpRequest.newBuilder(uri)
					.timeout(Duration.ofSeconds(30))
					.header("Content-Type", fuzzed.contentType())
					.POST(HttpRequest.BodyPublishers.ofByteArray(fuzzed.body())));
				sent.add(senders.submit(() -> {
					int status = status(http, request.build());
					statuses.merge(status, 1, Integer::sum);
					if ((status < 400 || status > 499) && wrong.size() < 10) {
						wrong.add(status + " for " + fuzzed);
					}
				}));
			}
			for (Future<?> future : sent) {
				future.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		finally {
			senders.shutdownNow();
		}
		return new Report(count, seed, kinds, new TreeMap<>(statuses), List.copyOf(wrong));
	}

	/**
	 * Sends {@code count} generated bodies to a service under test, a few at a time.
	 * @param service the service
	 * @param path where they go (POST)
	 * @param each adds what every request needs besides its body (a header, a key)
	 * @param count how many
	 * @param seed the generators' seed
	 * @return what came back
	 */
	public Report send(ServiceClient service, String path, UnaryOperator<HttpRequest.Builder> each, int count,
			long seed) {
		return send(service.http(), service.uri(path), each, count, seed);
	}

	/**
	 * @param service a service under test
	 * @return the status of its health endpoint
	 */
	public static int health(ServiceClient service) {
		return health(service.http(), service.baseUrl());
	}

	/**
	 * @param http the client
	 * @param service the service's base URI, e.g. {@code http://127.0.0.1:8082}
	 * @return the status of its health endpoint
	 */
	public static int health(HttpClient http, String service) {
		return status(http, HttpRequest.newBuilder(URI.create(service + "/actuator/health")).GET().build());
	}

	private static int status(HttpClient http, HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			// the server closed the connection on a body it refused: no answer is no 4xx
			return 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Families of broken bodies and how often each is drawn. */
	private List<Family> families() {
		return List.of(new Family(40, this::wrongType), new Family(8, this::tooLargeNumber),
				new Family(6, this::deepNesting), new Family(12, this::truncated), new Family(6, this::invalidUtf8),
				new Family(10, BodyFuzzer::garbage), new Family(6, this::notAnObject), new Family(6, this::oversize),
				new Family(6, this::notJson));
	}

	List<Fuzzed> bodies(int count, long seed) {
		List<Family> families = families();
		int total = families.stream().mapToInt(Family::weight).sum();
		SplittableRandom random = new SplittableRandom(seed);
		List<Fuzzed> bodies = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			int draw = random.nextInt(total);
			for (Family family : families) {
				draw -= family.weight();
				if (draw < 0) {
					bodies.add(family.make().apply(random));
					break;
				}
			}
		}
		return bodies;
	}

	private Fuzzed wrongType(SplittableRandom random) {
		Place place = WrongValues.pick(random, this.places);
		return json("wrong type", "at " + place.path(), replace(place, WrongValues.of(place.node(), random)));
	}

	private Fuzzed tooLargeNumber(SplittableRandom random) {
		Place place = WrongValues.pick(random, this.places);
		int digits = random.nextInt(20, 401);
		return json("number too large", (digits + 1) + " digits at " + place.path(),
				replace(place, "9" + "0".repeat(digits)));
	}

	private Fuzzed deepNesting(SplittableRandom random) {
		Place place = WrongValues.pick(random, this.places);
		int depth = random.nextInt(1, 5001);
		return json("deep nesting", depth + " arrays deep at " + place.path(),
				replace(place, "[".repeat(depth) + "]".repeat(depth)));
	}

	private Fuzzed truncated(SplittableRandom random) {
		byte[] whole = JSON.writeValueAsBytes(this.valid);
		int length = random.nextInt(whole.length);
		return new Fuzzed("cut short", "after " + length + " bytes", "application/json", Arrays.copyOf(whole, length));
	}

	private Fuzzed invalidUtf8(SplittableRandom random) {
		Place place = WrongValues.pick(random, this.textPlaces);
		byte[] bytes = WrongValues.pick(random, INVALID_UTF8);
		byte[] body = serialized(place, MARKER).getBytes(StandardCharsets.UTF_8);
		byte[] marker = MARKER.getBytes(StandardCharsets.UTF_8);
		int at = indexOf(body, marker);
		byte[] spliced = new byte[body.length - marker.length + bytes.length];
		System.arraycopy(body, 0, spliced, 0, at);
		System.arraycopy(bytes, 0, spliced, at, bytes.length);
		System.arraycopy(body, at + marker.length, spliced, at + bytes.length, body.length - at - marker.length);
		return new Fuzzed("invalid UTF-8", "in " + place.path(), "application/json", spliced);
	}

	private static Fuzzed garbage(SplittableRandom random) {
		byte[] bytes = new byte[random.nextInt(301)];
		random.nextBytes(bytes);
		return new Fuzzed("random bytes", bytes.length + " bytes", "application/json", bytes);
	}

	private Fuzzed notAnObject(SplittableRandom random) {
		String whole = JSON.writeValueAsString(this.valid);
		String raw = WrongValues.pick(random,
				List.of("[]", "null", "true", "0", "\"text\"", "[" + whole + "]", "{}", ""));
		return json("not an object", abbreviate(raw), raw);
	}

	private Fuzzed oversize(SplittableRandom random) {
		Place place = WrongValues.pick(random, this.textPlaces);
		return json("over the body limit", "in " + place.path(),
				replace(place, JSON.writeValueAsString("x".repeat(this.maxBodyBytes + 1))));
	}

	private Fuzzed notJson(SplittableRandom random) {
		String type = WrongValues.pick(random,
				List.of("text/plain", "application/xml", "application/x-www-form-urlencoded"));
		return new Fuzzed("not JSON", type, type, JSON.writeValueAsBytes(this.valid));
	}

	private Fuzzed json(String family, String kind, String raw) {
		return new Fuzzed(family, kind, "application/json", raw.getBytes(StandardCharsets.UTF_8));
	}

	private String replace(Place place, String raw) {
		return serialized(place, MARKER).replace(JSON.writeValueAsString(MARKER), raw);
	}

	/** The valid body with the value at the place replaced by a string. */
	private String serialized(Place place, String value) {
		JsonNode copy = this.valid.deepCopy();
		JsonNode parent = copy.at(place.parent());
		if (parent instanceof ObjectNode object) {
			object.set(place.name(), StringNode.valueOf(value));
		}
		else if (parent instanceof ArrayNode array) {
			array.set(place.index(), StringNode.valueOf(value));
		}
		return JSON.writeValueAsString(copy);
	}

	private void collect(JsonNode node, List<String> path) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				add(field.getValue(), path, field.getKey(), -1);
			}
		}
		else if (node.isArray()) {
			Iterator<JsonNode> elements = node.iterator();
			for (int i = 0; elements.hasNext(); i++) {
				add(elements.next(), path, null, i);
			}
		}
	}

	private void add(JsonNode value, List<String> parentPath, String name, int index) {
		if (value.isNull()) {
			return;
		}
		List<String> path = new ArrayList<>(parentPath);
		path.add((name != null) ? name : String.valueOf(index));
		Place place = new Place(pointer(parentPath), name, index, String.join(".", path), value);
		this.places.add(place);
		if (value.isString()) {
			this.textPlaces.add(place);
		}
		collect(value, path);
	}

	private static String pointer(List<String> path) {
		StringBuilder pointer = new StringBuilder();
		for (String step : path) {
			pointer.append('/').append(step.replace("~", "~0").replace("/", "~1"));
		}
		return pointer.toString();
	}

	private static int indexOf(byte[] body, byte[] part) {
		outer: for (int i = 0; i <= body.length - part.length; i++) {
			for (int j = 0; j < part.length; j++) {
				if (body[i + j] != part[j]) {
					continue outer;
				}
			}
			return i;
		}
		throw new IllegalStateException("marker not found");
	}

	private static String abbreviate(String text) {
		return (text.length() > 60) ? text.substring(0, 60) + "..." : text;
	}

	/** A family of broken bodies, drawn {@code weight} times in the families' total. */
	private record Family(int weight, Function<SplittableRandom, Fuzzed> make) {
	}

	/**
	 * A value of the valid body: where it sits in its parent, and its path for people.
	 */
	private record Place(String parent, String name, int index, String path, JsonNode node) {
	}

	/**
	 * @param family what was done to the valid body
	 * @param kind where and how much
	 * @param contentType the request's {@code Content-Type}
	 * @param body the bytes sent
	 */
	public record Fuzzed(String family, String kind, String contentType, byte[] body) {

		@Override
		public String toString() {
			String text = new String(this.body, StandardCharsets.UTF_8);
			return this.family + ", " + this.kind + " (" + this.contentType + "): "
					+ abbreviate(text.replaceAll("\\s+", " "));
		}

	}

	/**
	 * @param sent how many bodies were sent
	 * @param seed the generators' seed
	 * @param kinds how many of each family of broken bodies
	 * @param statuses how many answers of each status (0: no answer)
	 * @param wrong up to ten bodies answered with anything but a 4xx
	 */
	public record Report(int sent, long seed, Map<String, Integer> kinds, Map<Integer, Integer> statuses,
			List<String> wrong) {

		/**
		 * @return the counts, for the test's output
		 */
		public String summary() {
			return "fuzz: " + this.sent + " bodies (seed " + this.seed + "), answers by status " + this.statuses
					+ ", by kind " + this.kinds;
		}

	}

}
