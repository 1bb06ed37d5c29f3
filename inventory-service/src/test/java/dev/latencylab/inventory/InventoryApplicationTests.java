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

	@Test
	void shouldNameItsConnectionsAfterTheServiceInPostgres() {
		// the toolkit names lock holders and waiters by it
		String name = this.jdbc.sql("select application_name from pg_stat_activity where pid = pg_backend_pid()")
			.query(String.class)
			.single();

		assertThat(name).isEqualTo("inventory-service");
	}

}
