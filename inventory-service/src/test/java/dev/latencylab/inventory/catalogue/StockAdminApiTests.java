package dev.latencylab.inventory.catalogue;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latencylab.inventory.Api;
import dev.latencylab.inventory.InventoryIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code PUT /admin/stock/{sku}}: a person's count of the shelf, booked so that the stock
 * balance the audit checks still holds.
 */
@InventoryIntegrationTest
class StockAdminApiTests {

	private static final String SKU = "SKU-00905";

	@Autowired
	Api api;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Test
	void shouldSetTheStockAndBookTheDifferenceSoThatTheBalanceHolds() throws Exception {
		int receiptsBefore = receipts();
		// other tests of this shared database set stock by SQL, unbooked: the PUTs and
		// the
		// reservation must leave the product's imbalance as it was
		int imbalanceBefore = imbalance();

		HttpResponse<String> set = put(SKU, "{\"stock\": 40}", "inventory-tests");
		this.api.reserve(SKU, 3);
		HttpResponse<String> again = put(SKU, "{\"stock\": 37}", "inventory-tests");
		HttpResponse<String> more = put(SKU, "{\"stock\": 50}", "inventory-tests");

		assertThat(set.statusCode()).isEqualTo(200);
		JsonNode body = this.json.readTree(set.body());
		assertThat(body.get("sku").asString()).isEqualTo(SKU);
		assertThat(body.get("stock").asInt()).isEqualTo(40);
		assertThat(this.json.readTree(again.body()).get("delta").asInt()).as("a count equal to the stock").isZero();
		assertThat(this.json.readTree(more.body()).get("delta").asInt()).isEqualTo(13);
		assertThat(this.api.stock(SKU)).isEqualTo(50);
		assertThat(receipts()).as("receipts: the first count and the restock, not the equal count")
			.isEqualTo(receiptsBefore + 2);
		assertThat(imbalance()).as("receipts less the shelf less what reservations hold").isEqualTo(imbalanceBefore);
	}

	@Test
	void shouldAnswerNothingWithoutTheAdminToken() throws Exception {
		int stock = this.api.stock(SKU);

		HttpResponse<String> none = put(SKU, "{\"stock\": 7}", null);
		HttpResponse<String> wrong = put(SKU, "{\"stock\": 7}", "guess");

		assertThat(none.statusCode()).isEqualTo(401);
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(this.api.stock(SKU)).isEqualTo(stock);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"stock\": -1}", "{\"stock\": 1000001}", "{\"stock\": \"12\"}", "{\"stock\": 1.5}", "{}",
			"[12]", "{\"stock\": 12" })
	void shouldRefuseABadCountAndChangeNothing(String body) throws Exception {
		int stock = this.api.stock(SKU);
		int receipts = receipts();

		HttpResponse<String> response = put(SKU, body, "inventory-tests");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.api.stock(SKU)).isEqualTo(stock);
		assertThat(receipts()).isEqualTo(receipts);
	}

	@Test
	void shouldAnswerNotFoundForAnUnknownProduct() throws Exception {
		HttpResponse<String> response = put("SKU-99999", "{\"stock\": 5}", "inventory-tests");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(this.json.readTree(response.body()).get("type").asString()).endsWith("unknown-sku");
	}

	private HttpResponse<String> put(String sku, String body, String token) {
		String path = "/admin/stock/" + sku;
		return (token != null) ? this.api.put(path, body, "Authorization", "Bearer " + token)
				: this.api.put(path, body);
	}

	private int imbalance() {
		return this.jdbc.sql("""
				SELECT (SELECT coalesce(sum(delta), 0) FROM stock_receipt WHERE sku = :sku)
				     - (SELECT stock FROM product WHERE sku = :sku)
				     - (SELECT coalesce(sum(l.quantity), 0) FROM reservation_line l
				        JOIN reservation r ON r.id = l.reservation_id
				        WHERE l.sku = :sku AND r.status IN ('PENDING', 'CONFIRMED'))
				""").param("sku", SKU).query(Integer.class).single();
	}

	private int receipts() {
		return this.jdbc.sql("SELECT count(*) FROM stock_receipt").query(Integer.class).single();
	}

}
