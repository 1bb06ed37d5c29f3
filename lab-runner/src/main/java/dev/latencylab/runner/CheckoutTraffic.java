package dev.latencylab.runner;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import dev.latencylab.traffic.Catalogue;
import dev.latencylab.traffic.LocalTarget;
import dev.latencylab.traffic.Order;
import dev.latencylab.traffic.OrderKind;
import dev.latencylab.traffic.Orders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Steady checkouts through the gateway at a fixed rate, each answer handed to a listener
 * as a {@link Checkout}: what {@code ./lab load} prints figures of and what the scenario
 * tests measure. The orders are {@link Orders}' customers, the same as the Gatling
 * simulations send: a third buy one of a few hot products (where the inventory faults
 * act); every {@code longEmailEvery}-th has a long email address with a plus tag (what
 * the regex fault trips on). Only ever sends to this machine.
 */
public final class CheckoutTraffic implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final URI checkout;

	private final double rate;

	private final Orders orders;

	private final Consumer<Checkout> listener;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "checkout-traffic");
		thread.setDaemon(true);
		return thread;
	});

	// one party per checkout in flight, so that close() can wait for their answers
	private final Phaser inFlight = new Phaser(1);

	/**
	 * @param gateway the gateway's base URL, on 127.0.0.1 or localhost
	 * @param rate checkouts per second, in (0, 200]
	 * @param hotSkus number of hot products, SKU-00001 on
	 * @param longEmailEvery one order in this many has the long email address; 0 for none
	 * @param listener gets every answer (or failure), on an HTTP client thread
	 */
	public CheckoutTraffic(String gateway, double rate, int hotSkus, int longEmailEvery, Consumer<Checkout> listener) {
		URI base = URI.create(gateway);
		if (!LocalTarget.isLocal(base)) {
			throw new IllegalArgumentException("the gateway must be on this machine (127.0.0.1 or localhost)");
		}
		if (!(rate > 0 && rate <= 200)) {
			throw new IllegalArgumentException("the rate must be in (0, 200] checkouts per second");
		}
		this.checkout = base.resolve("/api/checkout");
		this.rate = rate;
		this.orders = new Orders(new Catalogue(hotSkus), longEmailEvery, OrderKind::customersOnly, "lab-");
		this.listener = listener;
	}

	/**
	 * Starts sending.
	 * @return this traffic
	 */
	public CheckoutTraffic start() {
		long periodMicros = (long) (1_000_000 / this.rate);
		this.scheduler.scheduleAtFixedRate(this::send, 0, periodMicros, TimeUnit.MICROSECONDS);
		return this;
	}

	/**
	 * Stops sending and waits (up to 60 s) for the answers of the checkouts in flight.
	 */
	@Override
	public void close() {
		this.scheduler.shutdownNow();
		try {
			this.inFlight.awaitAdvanceInterruptibly(this.inFlight.arrive(), 60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (TimeoutException ex) {
			// the lab stopped answering; what was answered was reported
		}
	}

	private void send() {
		HttpRequest request = request();
		long startedAt = System.currentTimeMillis();
		long started = System.nanoTime();
		this.inFlight.register();
		this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
			try {
				this.listener.accept(answer(startedAt, started, response, error));
			}
			finally {
				this.inFlight.arriveAndDeregister();
			}
		});
	}

	/**
	 * Sends one checkout and waits for its answer (not handed to the listener).
	 * @return the answer
	 */
	Checkout sendOne() throws InterruptedException {
		HttpRequest request = request();
		long startedAt = System.currentTimeMillis();
		long started = System.nanoTime();
		try {
			return answer(startedAt, started, this.http.send(request, HttpResponse.BodyHandlers.ofString()), null);
		}
		catch (java.io.IOException ex) {
			return answer(startedAt, started, null, ex);
		}
	}

	private HttpRequest request() {
		Order order = this.orders.next();
		return HttpRequest.newBuilder(this.checkout)
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", order.idempotencyKey())
			.header("X-Request-Id", order.idempotencyKey())
			.POST(HttpRequest.BodyPublishers.ofString(order.body()))
			.build();
	}

	private static Checkout answer(long startedAt, long started, HttpResponse<String> response, Throwable error) {
		double millis = (System.nanoTime() - started) / 1e6;
		int status = (error != null) ? 0 : response.statusCode();
		if (error != null) {
			return new Checkout(startedAt, millis, status, null, null);
		}
		JsonNode body = body(response);
		return new Checkout(startedAt, millis, status, text(body, "orderId"), problem(text(body, "type")));
	}

	private static JsonNode body(HttpResponse<String> response) {
		try {
			return JSON.readTree(response.body());
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static String text(JsonNode body, String field) {
		JsonNode value = (body != null) ? body.get(field) : null;
		return (value != null && value.isString()) ? value.asString() : null;
	}

	private static String problem(String type) {
		return (type != null) ? type.substring(type.lastIndexOf('/') + 1) : null;
	}

	/**
	 * One checkout's answer.
	 *
	 * @param startedAt when it was sent, epoch milliseconds
	 * @param millis how long the answer took
	 * @param status the HTTP status, 0 when there was no answer
	 * @param orderId the order's id, when the answer carried one
	 * @param problem the last segment of the problem's type when the answer was a problem
	 * ({@code overloaded}, {@code card-declined}, ...), else {@code null}
	 */
	public record Checkout(long startedAt, double millis, int status, String orderId, String problem) {

		public boolean ok() {
			return this.status > 0 && this.status < 500;
		}

		/**
		 * @return whether the gateway turned this checkout away as overload, before any
		 * service worked on it
		 */
		public boolean shed() {
			return this.status == 503 && "overloaded".equals(this.problem);
		}

	}

}
