package dev.latencylab.traffic;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

import tools.jackson.databind.json.JsonMapper;

/**
 * The checkout orders of every load generator: {@code ./lab load} (and the end-to-end
 * tests' steady traffic) and the Gatling simulations send what this makes, so that a
 * fault shows the same way under either. A third of the orders buy one of a few hot
 * products (where the inventory faults act); every {@code longEmailEvery}-th customer has
 * a long email address with a plus tag, as real customers do (what a badly written email
 * pattern chokes on); the kind of the n-th order comes from the mix
 * ({@link OrderKind#realisticMix}, {@link OrderKind#customersOnly}). Safe to share
 * between threads.
 */
public final class Orders {

	/**
	 * The name of the request of a checkout that should succeed (reports, assertions).
	 */
	public static final String CHECKOUT = "checkout";

	private static final int LARGE_BASKET_LINES = 30;

	private static final String LONG_EMAIL = "christopher.maximilian.worthington%d+shop@example.com";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Catalogue catalogue;

	private final int longEmailEvery;

	private final LongFunction<OrderKind> mix;

	private final String keyPrefix;

	private final AtomicLong sequence = new AtomicLong();

	/**
	 * @param catalogue the products to buy
	 * @param longEmailEvery one customer in this many has the long email address; 0 for
	 * none
	 * @param mix the kind of the n-th order
	 * @param keyPrefix starts every idempotency key, to tell the generators apart in the
	 * logs ({@code gatling-}, {@code lab-})
	 */
	public Orders(Catalogue catalogue, int longEmailEvery, LongFunction<OrderKind> mix, String keyPrefix) {
		if (longEmailEvery < 0) {
			throw new IllegalArgumentException("longEmailEvery must be 0 (none) or more, got " + longEmailEvery);
		}
		this.catalogue = catalogue;
		this.longEmailEvery = longEmailEvery;
		this.mix = mix;
		this.keyPrefix = keyPrefix;
	}

	/**
	 * @return the next order
	 */
	public Order next() {
		long n = this.sequence.incrementAndGet();
		OrderKind kind = this.mix.apply(n);
		// every n-th rather than one in n at random: a steady few a minute, so that the
		// regex fault's spikes come as regularly as a real customer mix would bring them
		boolean longEmail = kind == OrderKind.CUSTOMER && this.longEmailEvery > 0 && n % this.longEmailEvery == 0;
		return new Order(n, kind, longEmail, this.keyPrefix + UUID.randomUUID(), body(kind, longEmail));
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
		List<Line> lines = List.of(new Line(this.catalogue.anySku(), 1));
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
				// thirty products away from the hot ones: prices are 1 to 500 EUR, so
				// the basket is far above HIGH_AMOUNT's 5,000 EUR
				lines = this.catalogue.coldSkus(LARGE_BASKET_LINES).stream().map((sku) -> new Line(sku, 1)).toList();
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

	record CheckoutBody(String customerId, String email, List<Line> lines, Card card, Address shippingAddress,
			Address billingAddress) {
	}

	record Line(String sku, int quantity) {
	}

	record Card(String number, String expiry) {
	}

	record Address(String line1, String city, String postalCode, String country) {
	}

}
