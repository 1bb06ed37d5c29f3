package dev.latencylab.payment;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@PaymentIntegrationTest
class PaymentApplicationTests {

	@Autowired
	JdbcClient jdbc;

	@Test
	void shouldMigrateItsTablesIntoItsOwnSchema() {
		String schema = this.jdbc.sql("select current_schema()").query(String.class).single();
		int tables = this.jdbc.sql("""
				SELECT count(*) FROM information_schema.tables
				WHERE table_schema = 'payment' AND table_name IN ('payment', 'ledger_entry', 'idempotent_request')
				""").query(Integer.class).single();

		assertThat(schema).isEqualTo("payment");
		assertThat(tables).isEqualTo(3);
	}

}
