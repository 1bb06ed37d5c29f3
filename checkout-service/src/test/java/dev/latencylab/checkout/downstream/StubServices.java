package dev.latencylab.checkout.downstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Inventory, fraud and payment as one real HTTP server that speaks their contracts
 * ({@code docs/contracts.md}) with just enough state for checkout: payments are kept per
 * order and per idempotency key, captured and voided like payment-service does. Every
 * operation can be made slow or answer 503 a number of times, and counts its calls and
 * how many were in flight at once. A slow operation still completes after its delay, as a
 * real service does when its caller has given up.
 */
public final class StubServices implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern RESERVATION = Pattern.compile("/api/reservations/([^/]+)/(confirm|release)");

	private static final Pattern PAYMENT = Pattern.compile("/api/payments/([^/]+)/(capture|void)");

	/** What checkout calls. */
	public enum Operation {

		RESERVE, CONFIRM, RELEASE, SCORE, AUTHORIZE, CAPTURE, VOID, FIND_PAYMENTS

	}

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final Map<Operation, Behaviour> behaviours = new EnumMap<>(Operation.class);

	private final Map<UUID, Map<String, Object>> payments = new ConcurrentHashMap<>();

	private final Map<String, UUID> paymentsByKey = new ConcurrentHashMap<>();

	private volatile long unitPriceCents;

	public StubServices() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		reset();
		this.server.start();
	}

	/**
	 * @return the base URL of all three services
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Back to fast, healthy services with no payments, pricing every unit at 12.50 EUR.
	 */
	public void reset() {
		for (Operation operation : Operation.values()) {
			this.behaviours.put(operation, new Behaviour());
		}
		this.payments.clear();
		this.paymentsByKey.clear();
		this.unitPriceCents = 1250;
	}

	/**
	 * @param cents what inventory charges for one unit of any SKU
	 */
	public void unitPrice(long cents) {
		this.unitPriceCents = cents;
	}

	/**
	 * @param operation an operation
	 * @param delay how long it takes before it acts and answers
	 */
	public void slow(Operation operation, Duration delay) {
		this.behaviours.get(operation).delayMillis = delay.toMillis();
	}

	/**
	 * @param operation an operation
	 * @param times how many of its next calls answer 503 at once
	 */
	public void unavailable(Operation operation, int times) {
		this.behaviours.get(operation).failures.set(times);
	}

	/**
	 * @param operation an operation
	 * @param times how many of its next calls do their work and then close the connection
	 * without an answer, as a service that stopped right after it acted
	 */
	public void answersLost(Operation operation, int times) {
		this.behaviours.get(operation).lostAnswers.set(times);
	}

	/**
	 * @param operation an operation
	 * @return how many calls it received
	 */
	public int calls(Operation operation) {
		return this.behaviours.get(operation).calls.get();
	}

	/**
	 * @param operation an operation
	 * @return the most calls it had in flight at once
	 */
	public int maxInFlight(Operation operation) {
		return this.behaviours.get(operation).maxInFlight.get();
	}

	/**
	 * @param orderId an order
	 * @return the statuses of its payments (AUTHORIZED, CAPTURED, VOIDED)
	 */
	public List<String> paymentStatuses(UUID orderId) {
		return this.payments.values()
			.stream()
			.filter((payment) -> orderId.toString().equals(payment.get("orderId")))
			.map((payment) -> (String) payment.get("status"))
			.toList();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String method = exchange.getRequestMethod();
		JsonNode body = read(exchange.getRequestBody());
		Matcher reservation = RESERVATION.matcher(path);
		Matcher payment = PAYMENT.matcher(path);
		try {
			if ("POST".equals(method) && path.equals("/api/reservations")) {
				act(exchange, Operation.RESERVE, () -> reserve(body));
			}
			else if ("POST".equals(method) && reservation.matches()) {
				act(exchange, reservation.group(2).equals("confirm") ? Operation.CONFIRM : Operation.RELEASE,
						() -> new Answer(200, "{\"reservationId\":\"" + reservation.group(1) + "\"}"));
			}
			else if ("POST".equals(method) && path.equals("/api/fraud/scores")) {
				act(exchange, Operation.SCORE, () -> new Answer(200, "{\"orderId\":\"" + body.path("orderId").asString()
						+ "\",\"decision\":\"ALLOW\",\"score\":10,\"reasons\":[]}"));
			}
			else if ("POST".equals(method) && path.equals("/api/payments/authorizations")) {
				String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
				act(exchange, Operation.AUTHORIZE, () -> authorize(key, body));
			}
			else if ("POST".equals(method) && payment.matches()) {
				UUID paymentId = UUID.fromString(payment.group(1));
				boolean capture = payment.group(2).equals("capture");
				act(exchange, capture ? Operation.CAPTURE : Operation.VOID,
						() -> capture ? capture(paymentId) : voidPayment(paymentId));
			}
			else if ("GET".equals(method) && path.equals("/api/payments")) {
				String orderId = exchange.getRequestURI().getQuery().replace("orderId=", "");
				act(exchange, Operation.FIND_PAYMENTS,
						() -> new Answer(200,
								JSON.writeValueAsString(this.payments.values()
									.stream()
									.filter((candidate) -> orderId.equals(candidate.get("orderId")))
									.toList())));
			}
			else {
				send(exchange, new Answer(404, problem("not-found")));
			}
		}
		catch (IOException ex) {
			// the caller gave up and closed the connection: the work is done all the same
		}
		finally {
			exchange.close();
		}
	}

	private void act(HttpExchange exchange, Operation operation, java.util.function.Supplier<Answer> work)
			throws IOException {
		Behaviour behaviour = this.behaviours.get(operation);
		behaviour.calls.incrementAndGet();
		int inFlight = behaviour.inFlight.incrementAndGet();
		behaviour.maxInFlight.accumulateAndGet(inFlight, Math::max);
		try {
			if (behaviour.failures.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
				send(exchange, new Answer(503, problem("service-unavailable")));
				return;
			}
			pause(behaviour.delayMillis);
			Answer answer = work.get();
			if (behaviour.lostAnswers.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
				exchange.close();
				return;
			}
			send(exchange, answer);
		}
		finally {
			behaviour.inFlight.decrementAndGet();
		}
	}

	private Answer reserve(JsonNode body) {
		List<Map<String, Object>> lines = new ArrayList<>();
		long total = 0;
		for (JsonNode line : body.path("lines").values()) {
			int quantity = line.path("quantity").asInt();
			lines.add(Map.of("sku", line.path("sku").asString(), "quantity", quantity, "unitPriceCents",
					this.unitPriceCents));
			total += quantity * this.unitPriceCents;
		}
		return new Answer(201, JSON.writeValueAsString(Map.of("reservationId", UUID.randomUUID(), "orderId",
				body.path("orderId").asString(), "status", "PENDING", "lines", lines, "totalCents", total)));
	}

	private synchronized Answer authorize(String key, JsonNode body) {
		UUID paymentId = this.paymentsByKey.computeIfAbsent(key, (newKey) -> {
			UUID id = UUID.randomUUID();
			Map<String, Object> created = new ConcurrentHashMap<>();
			created.put("paymentId", id.toString());
			created.put("orderId", body.path("orderId").asString());
			created.put("status", "AUTHORIZED");
			created.put("amountCents", body.path("amountCents").asLong());
			created.put("currency", "EUR");
			this.payments.put(id, created);
			return id;
		});
		return new Answer(201, JSON.writeValueAsString(this.payments.get(paymentId)));
	}

	private synchronized Answer capture(UUID paymentId) {
		Map<String, Object> payment = this.payments.get(paymentId);
		if (payment == null) {
			return new Answer(404, problem("unknown-payment"));
		}
		if ("AUTHORIZED".equals(payment.get("status"))) {
			payment.put("status", "CAPTURED");
		}
		else if (!"CAPTURED".equals(payment.get("status"))) {
			return new Answer(409, problem("payment-not-capturable"));
		}
		return new Answer(200, JSON.writeValueAsString(payment));
	}

	private synchronized Answer voidPayment(UUID paymentId) {
		Map<String, Object> payment = this.payments.get(paymentId);
		if (payment == null) {
			return new Answer(404, problem("unknown-payment"));
		}
		if ("CAPTURED".equals(payment.get("status"))) {
			return new Answer(409, problem("payment-already-captured"));
		}
		payment.put("status", "VOIDED");
		return new Answer(200, JSON.writeValueAsString(payment));
	}

	private static String problem(String slug) {
		return "{\"type\":\"https://latency-lab.dev/problems/" + slug + "\",\"title\":\"" + slug + "\",\"detail\":\""
				+ slug + "\"}";
	}

	private static void send(HttpExchange exchange, Answer answer) throws IOException {
		byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders()
			.set("Content-Type", (answer.status() >= 400) ? "application/problem+json" : "application/json");
		exchange.sendResponseHeaders(answer.status(), bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static JsonNode read(InputStream in) throws IOException {
		byte[] bytes = in.readAllBytes();
		return (bytes.length == 0) ? JSON.createObjectNode() : JSON.readTree(bytes);
	}

	private static void pause(long millis) {
		if (millis <= 0) {
			return;
		}
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record Answer(int status, String body) {
	}

	private static final class Behaviour {

		private volatile long delayMillis;

		private final AtomicInteger failures = new AtomicInteger();

		private final AtomicInteger lostAnswers = new AtomicInteger();

		private final AtomicInteger calls = new AtomicInteger();

		private final AtomicInteger inFlight = new AtomicInteger();

		private final AtomicInteger maxInFlight = new AtomicInteger();

	}

}
