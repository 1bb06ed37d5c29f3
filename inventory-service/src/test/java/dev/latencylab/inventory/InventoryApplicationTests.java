package dev.latencylab.inventory;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@InventoryIntegrationTest
class InventoryApplicationTests {

	@Autowired
	JdbcClient jdbc;

	@Test
	void shouldMigrateTheCatalogueIntoItsOwnSchema() {
		String schema = this.jdbc.sql("select current_schema()").query(String.class).single();

		assertThat(schema).isEqualTo("inventory");
	}

}
