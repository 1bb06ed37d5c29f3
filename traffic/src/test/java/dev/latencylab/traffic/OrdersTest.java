package dev.latencylab.traffic;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OrdersTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Catalogue CATALOGUE = new Catalogue(10);

	private final Orders customers = new Orders(CATALOGUE, 40, OrderKind::customersOnly, "test-");

	@Test
	void shouldMixEveryHundredOrdersAsTheSteadyRunPromises() {
		Orders orders = new Orders(CATALOGUE, 40, OrderKind::realisticMix, "test-");

		Map<OrderKind, Long> kinds = LongStream.rangeClosed(1, 100)
			.mapToObj((n) -> orders.next().kind())
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

		assertThat(kinds).containsExactlyInAnyOrderEntriesOf(
				Map.of(OrderKind.CUSTOMER, 92L, OrderKind.FRAUD_DENIED, 3L, OrderKind.LARGE_BASKET, 2L,
						OrderKind.EXPIRED_CARD, 1L, OrderKind.UNKNOWN_SKU, 1L, OrderKind.DECLINED_CARD, 1L));
		assertThat(LongStream.rangeClosed(1, 1000).filter((n) -> n % 40 == 0).mapToObj(OrderKind::realisticMix))
			.containsOnly(OrderKind.CUSTOMER);
	}

	@Test
	void shouldGiveEveryFortiethCustomerTheLongEmailAndAFreshKey() {
		List<Order> fortieth = LongStream.rangeClosed(1, 40).mapToObj((n) -> this.customers.next()).toList();

		assertThat(fortieth.subList(0, 39)).allSatisfy((order) -> assertThat(order.label()).isEqualTo("customer"));
		assertThat(fortieth.get(39).label()).isEqualTo("customer with long email");
		assertThat(body(fortieth.get(39)).get("email").asString()).matches("christopher\\..*\\+shop@example\\.com");
		assertThat(fortieth).extracting(Order::idempotencyKey)
			.doesNotHaveDuplicates()
			.allMatch((key) -> key.startsWith("test-"));
		assertThat(fortieth.get(0).kind().requestName()).isEqualTo(Orders.CHECKOUT);
		assertThat(fortieth.get(0).kind().expectedStatuses()).containsExactly(201, 200, 409);
	}

	@Test
	void shouldSendNoLongEmailWhenAskedForNone() {
		Orders plain = new Orders(CATALOGUE, 0, OrderKind::customersOnly, "test-");

		assertThat(LongStream.rangeClosed(1, 80).mapToObj((n) -> plain.next())).noneMatch(Order::longEmail);
	}

	@Test
	void shouldBuyAHotProductAboutAThirdOfTheTime() {
		long hot = LongStream.rangeClosed(1, 3000)
			.mapToObj((n) -> CATALOGUE.anySku())
			.filter((sku) -> Integer.parseInt(sku.substring(4)) <= 10)
			.count();

		// a third hot, plus the 1 % of the catalogue's draws that land on SKU-00001..10
		assertThat(hot).isBetween(850L, 1200L);
	}

	@Test
	void shouldSendAFraudsterWithADisposableEmailAndAForeignBillingCountry() {
		JsonNode order = JSON.readTree(this.customers.body(OrderKind.FRAUD_DENIED, false));

		assertThat(order.get("email").asString()).endsWith("@mailinator.com");
		assertThat(order.get("shippingAddress").get("country").asString()).isEqualTo("DE");
		assertThat(order.get("billingAddress").get("country").asString()).isEqualTo("NL");
	}

	@Test
	void shouldFillALargeBasketWithThirtyDistinctProductsAwayFromTheHotOnes() {
		JsonNode order = JSON.readTree(this.customers.body(OrderKind.LARGE_BASKET, false));

		List<String> skus = order.get("lines").valueStream().map((line) -> line.get("sku").asString()).toList();
		assertThat(skus).hasSize(30).doesNotHaveDuplicates().allMatch((sku) -> Integer.parseInt(sku.substring(4)) > 10);
	}

	@Test
	void shouldSendTheBadRequestsTheirFlaw() {
		assertThat(
				JSON.readTree(this.customers.body(OrderKind.EXPIRED_CARD, false)).get("card").get("expiry").asString())
			.isEqualTo("01/20");
		assertThat(JSON.readTree(this.customers.body(OrderKind.UNKNOWN_SKU, false))
			.get("lines")
			.get(0)
			.get("sku")
			.asString()).isEqualTo("SKU-99999");
		assertThat(
				JSON.readTree(this.customers.body(OrderKind.DECLINED_CARD, false)).get("card").get("number").asString())
			.isEqualTo("4000000000000002");
	}

	@Test
	void shouldRefuseHotProductsOutsideTheCataloguesHeadAndANegativeEmailRate() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Catalogue(0)).withMessageContaining("hot products");
		assertThatIllegalArgumentException().isThrownBy(() -> new Catalogue(101));
		assertThatIllegalArgumentException().isThrownBy(() -> new Orders(CATALOGUE, -1, OrderKind::customersOnly, ""));
	}

	@Test
	void shouldTellThisMachineFromAnother() {
		assertThat(LocalTarget.isLocal(URI.create("http://127.0.0.1:8080"))).isTrue();
		assertThat(LocalTarget.isLocal(URI.create("http://localhost:8080/api"))).isTrue();
		assertThat(LocalTarget.isLocal(URI.create("http://[::1]:8080"))).isTrue();
		assertThat(LocalTarget.isLocal(URI.create("http://shop.example.com"))).isFalse();
		assertThat(LocalTarget.isLocal(URI.create("http://127.0.0.1.example.com"))).isFalse();
	}

	private static JsonNode body(Order order) {
		return JSON.readTree(order.body());
	}

}
