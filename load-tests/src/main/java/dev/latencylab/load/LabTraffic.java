package dev.latencylab.load;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import dev.latencylab.traffic.Catalogue;
import dev.latencylab.traffic.Order;
import dev.latencylab.traffic.OrderKind;
import dev.latencylab.traffic.Orders;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * What every simulation sends, built in one place: the HTTP protocol, the feeders of
 * orders and catalogue pages, the checkout and browse requests and their checks. The
 * orders are {@link Orders}', the same as {@code ./lab load} sends: a third buy one of a
 * few hot products (where the inventory faults act), every {@code longEmailEvery}-th
 * customer has a long email address with a plus tag (what the regex fault trips on), and
 * every checkout has a fresh {@code Idempotency-Key}, also sent as {@code X-Request-Id}
 * so that one id finds the order in every log.
 *
 * <p>
 * Parameters (system properties): {@code baseUrl}
 * ({@value LoadProperties#DEFAULT_BASE_URL}), {@code hotSkus} (10, at most 100),
 * {@code longEmailEvery} (40, 0 for none), {@code requestTimeout} (60 s), {@code spikeMs}
 * (off here; names every checkout slower than this), {@code spikeFile} (also append those
 * lines to this file).
 */
public final class LabTraffic {

	/** The name, in the report and in assertions, of a checkout that should succeed. */
	public static final String CHECKOUT = Orders.CHECKOUT;

	/** A page of the catalogue. */
	public static final String PRODUCTS_PAGE = "products page";

	/** One product. */
	public static final String PRODUCT = "product";

	private final String baseUrl;

	private final Catalogue catalogue;

	private final int longEmailEvery;

	private final Duration requestTimeout;

	private final SpikeLog spikes;

	/**
	 * @param properties the run's parameters
	 */
	public LabTraffic(LoadProperties properties) {
		this(properties, SpikeLog.from(properties, Double.NaN));
	}

	/**
	 * @param properties the run's parameters
	 * @param spikes what to do with a slow checkout
	 */
	public LabTraffic(LoadProperties properties, SpikeLog spikes) {
		this.baseUrl = properties.baseUrl();
		this.catalogue = new Catalogue(Math.min(100, Math.max(1, properties.count("hotSkus", 10))));
		this.longEmailEvery = properties.count("longEmailEvery", 40);
		this.requestTimeout = properties.seconds("requestTimeout", 60);
		this.spikes = spikes;
	}

	/**
	 * @return the gateway this traffic goes to
	 */
	public String baseUrl() {
		return this.baseUrl;
	}

	/**
	 * @return the HTTP protocol: the gateway, JSON, and no warm-up request to gatling.io
	 */
	public HttpProtocolBuilder protocol() {
		return http.baseUrl(this.baseUrl)
			.acceptHeader("application/json")
			.userAgentHeader("latency-lab-gatling")
			.disableWarmUp();
	}

	/**
	 * Shoppers: each virtual user checks out once, an order of the kind the mix gives.
	 * @param name the scenario's name in the report
	 * @param mix the kind of the n-th order ({@link OrderKind#realisticMix} or
	 * {@link OrderKind#customersOnly})
	 * @return the scenario
	 */
	public ScenarioBuilder shoppers(String name, LongFunction<OrderKind> mix) {
		return shoppers(name, mix, UnaryOperator.identity());
	}

	/**
	 * Shoppers, with a step that may change the session before the checkout (the stress
	 * run names the request after its step).
	 * @param name the scenario's name in the report
	 * @param mix the kind of the n-th order
	 * @param beforeCheckout applied to the session once the order is fed
	 * @return the scenario
	 */
	public ScenarioBuilder shoppers(String name, LongFunction<OrderKind> mix, UnaryOperator<Session> beforeCheckout) {
		return scenario(name).exec(feed(orders(mix)), exec(beforeCheckout::apply), checkout());
	}

	/**
	 * Browsers: a page of the catalogue, then one product (a third of the time a hot
	 * one).
	 * @return the scenario
	 */
	public ScenarioBuilder browsers() {
		return scenario("browsers").exec(feed(pages()),
				http(PRODUCTS_PAGE).get("/api/products?page=#{page}&size=20")
					.requestTimeout(this.requestTimeout)
					.check(status().is(200)),
				http(PRODUCT).get("/api/products/#{sku}").requestTimeout(this.requestTimeout).check(status().is(200)));
	}

	/**
	 * The checkout request of a fed order: its name, body, key and expected answers come
	 * from the feeder ({@link #orders}); a slow answer goes to the spike log.
	 * @return the chain
	 */
	public ChainBuilder checkout() {
		return exec(http("#{request}").post("/api/checkout")
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", "#{idempotencyKey}")
			.header("X-Request-Id", "#{idempotencyKey}")
			.body(StringBody("#{body}"))
			.requestTimeout(this.requestTimeout)
			// saves first: a failed check stops the ones after it
			.check(responseTimeInMillis().saveAs("millis"), status().saveAs("status"),
					status().in((session) -> session.<Integer>getList("expected")),
					jmesPath("orderId").optional().saveAs("orderId")))
			.exec((session) -> {
				this.spikes.record(session);
				return session.remove("orderId");
			});
	}

	/**
	 * Orders, one feeder record each: {@code request} (the name), {@code kind},
	 * {@code body}, {@code idempotencyKey}, {@code expected} (the statuses that are
	 * right).
	 * @param mix the kind of the n-th order
	 * @return an endless feeder, safe to share between virtual users
	 */
	public Iterator<Map<String, Object>> orders(LongFunction<OrderKind> mix) {
		Orders orders = new Orders(this.catalogue, this.longEmailEvery, mix, "gatling-");
		return new Endless(() -> {
			Order order = orders.next();
			return Map.of("request", order.kind().requestName(), "kind", order.label(), "body", order.body(),
					"idempotencyKey", order.idempotencyKey(), "expected", order.kind().expectedStatuses());
		});
	}

	private Iterator<Map<String, Object>> pages() {
		return new Endless(() -> {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			return Map.of("page", random.nextInt(Catalogue.SIZE / 20), "sku", this.catalogue.anySku());
		});
	}

	/**
	 * An endless feeder; Gatling may poll it from several threads.
	 */
	private static final class Endless implements Iterator<Map<String, Object>> {

		private final Supplier<Map<String, Object>> next;

		Endless(Supplier<Map<String, Object>> next) {
			this.next = next;
		}

		@Override
		public boolean hasNext() {
			return true;
		}

		@Override
		public Map<String, Object> next() {
			return this.next.get();
		}

	}

}
