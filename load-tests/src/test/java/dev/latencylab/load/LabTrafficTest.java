package dev.latencylab.load;

import java.util.Map;
import java.util.Properties;
import java.util.stream.LongStream;

import dev.latencylab.traffic.OrderKind;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LabTrafficTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final LabTraffic traffic = new LabTraffic(properties(Map.of()));

	@Test
	void shouldFeedEveryOrderWithItsRequestNameKeyAndRightAnswers() {
		var orders = this.traffic.orders(OrderKind::customersOnly);

		var fortieth = LongStream.rangeClosed(1, 40).mapToObj((n) -> orders.next()).toList();

		assertThat(fortieth.subList(0, 39)).allSatisfy((order) -> assertThat(order.get("kind")).isEqualTo("customer"));
		assertThat(fortieth.get(39).get("kind")).isEqualTo("customer with long email");
		assertThat(json(fortieth.get(39)).get("email").asString()).matches("christopher\\..*\\+shop@example\\.com");
		assertThat(fortieth).extracting((order) -> order.get("idempotencyKey"))
			.doesNotHaveDuplicates()
			.allMatch((key) -> ((String) key).startsWith("gatling-"));
		assertThat(fortieth.get(0)).containsEntry("request", LabTraffic.CHECKOUT)
			.containsEntry("expected", OrderKind.CUSTOMER.expectedStatuses());
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
