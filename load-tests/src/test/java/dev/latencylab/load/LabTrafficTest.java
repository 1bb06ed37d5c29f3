package dev.latencylab.load;

import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LabTrafficTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final LabTraffic traffic = new LabTraffic(properties(Map.of()));

	@Test
	void shouldMixEveryHundredOrdersAsTheSteadyRunPromises() {
		Map<OrderKind, Long> kinds = LongStream.rangeClosed(1, 100)
			.mapToObj(OrderKind::realisticMix)
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

		assertThat(kinds).containsExactlyInAnyOrderEntriesOf(
				Map.of(OrderKind.CUSTOMER, 92L, OrderKind.FRAUD_DENIED, 3L, OrderKind.LARGE_BASKET, 2L,
						OrderKind.EXPIRED_CARD, 1L, OrderKind.UNKNOWN_SKU, 1L, OrderKind.DECLINED_CARD, 1L));
		assertThat(LongStream.rangeClosed(1, 1000).filter((n) -> n % 40 == 0).mapToObj(OrderKind::realisticMix))
			.containsOnly(OrderKind.CUSTOMER);
	}

	@Test
	void shouldGiveEveryFortiethCustomerTheLongEmailAndAFreshKey() {
		var orders = this.traffic.orders(OrderKind::customersOnly);

		var fortieth = LongStream.rangeClosed(1, 40).mapToObj((n) -> orders.next()).toList();

		assertThat(fortieth.subList(0, 39)).allSatisfy((order) -> assertThat(order.get("kind")).isEqualTo("customer"));
		assertThat(fortieth.get(39).get("kind")).isEqualTo("customer with long email");
		assertThat(json(fortieth.get(39)).get("email").asString()).matches("christopher\\..*\\+shop@example\\.com");
		assertThat(fortieth).extracting((order) -> order.get("idempotencyKey")).doesNotHaveDuplicates();
		assertThat(fortieth.get(0)).containsEntry("request", LabTraffic.CHECKOUT)
			.containsEntry("expected", OrderKind.CUSTOMER.expectedStatuses());
	}

	@Test
	void shouldSendAFraudsterWithADisposableEmailAndAForeignBillingCountry() {
		JsonNode order = JSON.readTree(this.traffic.body(OrderKind.FRAUD_DENIED, false));

		assertThat(order.get("email").asString()).endsWith("@mailinator.com");
		assertThat(order.get("shippingAddress").get("country").asString()).isEqualTo("DE");
		assertThat(order.get("billingAddress").get("country").asString()).isEqualTo("NL");
	}

	@Test
	void shouldFillALargeBasketWithThirtyDistinctProducts() {
		JsonNode order = JSON.readTree(this.traffic.body(OrderKind.LARGE_BASKET, false));

		assertThat(order.get("lines").valueStream().map((line) -> line.get("sku").asString()).distinct().count())
			.isEqualTo(30);
	}

	@Test
	void shouldSendTheBadRequestsTheirFlaw() {
		assertThat(JSON.readTree(this.traffic.body(OrderKind.EXPIRED_CARD, false)).get("card").get("expiry").asString())
			.isEqualTo("01/20");
		assertThat(JSON.readTree(this.traffic.body(OrderKind.UNKNOWN_SKU, false))
			.get("lines")
			.get(0)
			.get("sku")
			.asString()).isEqualTo("SKU-99999");
		assertThat(
				JSON.readTree(this.traffic.body(OrderKind.DECLINED_CARD, false)).get("card").get("number").asString())
			.isEqualTo("4000000000000002");
	}

	@Test
	void shouldRefuseATargetOffThisMachineUnlessAllowed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LabTraffic(properties(Map.of("baseUrl", "http://shop.example.com"))))
			.withMessageContaining("allowRemoteTarget");
		assertThat(
				new LabTraffic(properties(Map.of("baseUrl", "http://shop.example.com/", "allowRemoteTarget", "true")))
					.baseUrl())
			.isEqualTo("http://shop.example.com");
		assertThat(new LabTraffic(properties(Map.of("baseUrl", "http://localhost:8080"))).baseUrl())
			.isEqualTo("http://localhost:8080");
	}

	private static JsonNode json(Map<String, Object> order) {
		return JSON.readTree((String) order.get("body"));
	}

	private static LoadProperties properties(Map<String, String> values) {
		Properties properties = new Properties();
		properties.putAll(values);
		return new LoadProperties(properties);
	}

}
