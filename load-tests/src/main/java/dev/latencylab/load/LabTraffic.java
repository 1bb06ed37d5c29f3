package dev.latencylab.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import tools.jackson.databind.json.JsonMapper;

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
 * orders and catalogue pages, the checkout and browse requests and their checks. Orders
 * follow {@code ./lab load}'s Java generator: a third buy one of a few hot products
 * (where the inventory faults act), every {@code longEmailEvery}-th customer has a long
 * email address with a plus tag (what the regex fault trips on), and every checkout has a
 * fresh {@code Idempotency-Key}, also sent as {@code X-Request-Id} so that one id finds
 * the order in every log.
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
	public static final String CHECKOUT = "checkout";

	/** A page of the catalogue. */
	public static final String PRODUCTS_PAGE = "products page";

	/** One product. */
	public static final String PRODUCT = "product";

	// SKU-00001 to SKU-01000 (docs/contracts.md)
	private static final int CATALOGUE_SIZE = 1000;

	private static final int LARGE_BASKET_LINES = 30;

	private static final String LONG_EMAIL = "christopher.maximilian.worthington%d+shop@example.com";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String baseUrl;

	private final int hotSkus;

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
		this.hotSkus = Math.min(100, Math.max(1, properties.count("hotSkus", 10)));
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
		AtomicLong sequence = new AtomicLong();
		return new Endless(() -> {
			long n = sequence.incrementAndGet();
			OrderKind kind = mix.apply(n);
			// customers do have long addresses with a +tag; a badly written email
			// pattern chokes on them. Every n-th rather than one in n at random: a steady
			// few a minute, as ./lab load's generator sends them
			boolean longEmail = kind == OrderKind.CUSTOMER && this.longEmailEvery > 0 && n % this.longEmailEvery == 0;
			String key = "gatling-" + UUID.randomUUID();
			return Map.of("request", kind.requestName(), "kind",
					kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + (longEmail ? " with long email" : ""),
					"body", body(kind, longEmail), "idempotencyKey", key, "expected", kind.expectedStatuses());
		});
	}

	/**
	 * @param kind the order's kind
	 * @param longEmail whether the customer has the long email address
	 * @return the checkout request's JSON body
	 */
	String body(OrderKind kind, boolean longEmail) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String customer = "load-" + random.nextInt(5000);
		String email = customer + "@example.com";
		List<Line> lines = List.of(new Line(randomSku(random), 1));
		Card card = new Card("4111111111111111", "12/39");
		Address home = new Address("1 Main St", "Berlin", "10115", "DE");
		Address billing = home;
		switch (kind) {
			case CUSTOMER -> {
				if (longEmail) {
					email = LONG_EMAIL.formatted(random.nextInt(10));
				}
			}
			case LARGE_BASKET -> {
				// a customer of its own, so that fraud's VELOCITY rule cannot tip REVIEW
				// into DENY; fewer than six digits, or EMAIL_PATTERN's digit run would
				customer = "basket-" + random.nextInt(100_000);
				email = customer + "@example.com";
				lines = largeBasket(random);
			}
			case FRAUD_DENIED -> {
				customer = "fraudster-" + random.nextInt(1000);
				email = customer + "@mailinator.com";
				billing = new Address("5 Canal St", "Amsterdam", "1012 AB", "NL");
			}
			case EXPIRED_CARD -> card = new Card("4111111111111111", "01/20");
			case UNKNOWN_SKU -> lines = List.of(new Line("SKU-99999", 1));
			case DECLINED_CARD -> card = new Card("4000000000000002", "12/39");
		}
		return JSON.writeValueAsString(new CheckoutBody(customer, email, lines, card, home, billing));
	}

	private Iterator<Map<String, Object>> pages() {
		return new Endless(() -> {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			return Map.of("page", random.nextInt(CATALOGUE_SIZE / 20), "sku", randomSku(random));
		});
	}

	// a third of the orders buy one of the hot products, the rest spread over the
	// catalogue
	private String randomSku(ThreadLocalRandom random) {
		int product = (random.nextInt(3) == 0) ? 1 + random.nextInt(this.hotSkus) : 1 + random.nextInt(CATALOGUE_SIZE);
		return sku(product);
	}

	// thirty distinct products away from the hot ones: prices are 1 to 500 EUR, so the
	// basket is far above HIGH_AMOUNT's 5,000 EUR
	private List<Line> largeBasket(ThreadLocalRandom random) {
		Set<Integer> products = new LinkedHashSet<>();
		while (products.size() < LARGE_BASKET_LINES) {
			products.add(this.hotSkus + 1 + random.nextInt(CATALOGUE_SIZE - this.hotSkus));
		}
		List<Line> lines = new ArrayList<>();
		products.forEach((product) -> lines.add(new Line(sku(product), 1)));
		return lines;
	}

	private static String sku(int product) {
		return "SKU-%05d".formatted(product);
	}

	record CheckoutBody(String customerId, String email, List<Line> lines, Card card, Address shippingAddress,
			Address billingAddress) {
	}

	record Line(String sku, int quantity) {
	}

	record Card(String number, String expiry) {
	}

	record Address(String line1, String city, String postalCode, String country) {
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
