package dev.latencylab.inventory.catalogue;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latencylab.inventory.Api;
import dev.latencylab.inventory.InventoryIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@InventoryIntegrationTest
class ProductApiTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Test
	void shouldSeedAThousandDistinctProductsWithPricesAndStockInRange() {
		int products = count("SELECT count(*) FROM product");
		int distinctNames = count("SELECT count(DISTINCT name) FROM product");
		int pricesOutOfRange = count("SELECT count(*) FROM product WHERE price_cents NOT BETWEEN 100 AND 50000");
		int seedStockOutOfRange = this.jdbc
			.sql("SELECT count(*) FROM product WHERE sku < :firstTestSku AND stock NOT BETWEEN 100 AND 1000")
			.param("firstTestSku", InventoryIntegrationTest.FIRST_TEST_SKU)
			.query(Integer.class)
			.single();
		String first = this.jdbc.sql("SELECT min(sku) FROM product").query(String.class).single();
		String last = this.jdbc.sql("SELECT max(sku) FROM product").query(String.class).single();

		assertThat(products).isEqualTo(1000);
		assertThat(distinctNames).isEqualTo(1000);
		assertThat(pricesOutOfRange).isZero();
		assertThat(seedStockOutOfRange).isZero();
		assertThat(first).isEqualTo("SKU-00001");
		assertThat(last).isEqualTo("SKU-01000");
	}

	@Test
	void shouldListTwentyProductsInSkuOrderByDefault() {
		HttpResponse<String> response = this.api.get("/api/products");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode products = this.api.json(response);
		assertThat(products.size()).isEqualTo(20);
		assertThat(products.get(0).get("sku").asString()).isEqualTo("SKU-00001");
		assertThat(products.get(19).get("sku").asString()).isEqualTo("SKU-00020");
		assertThat(products.get(0).get("name").asString()).isNotBlank();
		assertThat(products.get(0).get("priceCents").asLong()).isBetween(100L, 50000L);
		assertThat(products.get(0).has("stock")).isTrue();
	}

	@Test
	void shouldPageThroughTheWholeCatalogue() {
		JsonNode lastPage = this.api.json(this.api.get("/api/products?page=9&size=100"));
		JsonNode pastTheEnd = this.api.json(this.api.get("/api/products?page=10&size=100"));

		assertThat(lastPage.size()).isEqualTo(100);
		assertThat(lastPage.get(99).get("sku").asString()).isEqualTo("SKU-01000");
		assertThat(pastTheEnd.size()).isZero();
	}

	@ParameterizedTest
	@CsvSource({ "size=0, size", "size=101, size", "size=-5, size", "page=-1, page", "page=abc, page",
			"size=ten, size" })
	void shouldRejectABadPageOrSizeAsAnInvalidRequest(String query, String field) {
		HttpResponse<String> response = this.api.get("/api/products?" + query);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.api.json(response);
		assertThat(problem.get("type").asString()).isEqualTo("https://latency-lab.dev/problems/invalid-request");
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
	}

	@Test
	void shouldAnswerOneProduct() {
		this.api.setStock("SKU-00950", 77);

		HttpResponse<String> response = this.api.get("/api/products/SKU-00950");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode product = this.api.json(response);
		assertThat(product.get("sku").asString()).isEqualTo("SKU-00950");
		assertThat(product.get("stock").asInt()).isEqualTo(77);
	}

	@Test
	void shouldAnswerUnknownSkuForAProductNotInTheCatalogue() {
		HttpResponse<String> response = this.api.get("/api/products/SKU-99999");

		assertThat(response.statusCode()).isEqualTo(404);
		JsonNode problem = this.api.json(response);
		assertThat(problem.get("type").asString()).isEqualTo("https://latency-lab.dev/problems/unknown-sku");
		assertThat(problem.get("sku").asString()).isEqualTo("SKU-99999");
	}

	private int count(String sql) {
		return this.jdbc.sql(sql).query(Integer.class).single();
	}

}
