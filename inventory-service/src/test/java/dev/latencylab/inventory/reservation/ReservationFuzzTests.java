package dev.latencylab.inventory.reservation;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latencylab.inventory.Api;
import dev.latencylab.inventory.InventoryIntegrationTest;
import dev.latencylab.kit.test.BodyFuzzer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ten thousand broken reservations, made from one that is accepted: each is refused with
 * a 4xx, none reserves or writes anything, and the service still reserves afterwards.
 */
@InventoryIntegrationTest
class ReservationFuzzTests {

	private static final String VALID = """
			{"orderId": "%s", "lines": [{"sku": "SKU-00901", "quantity": 1}, {"sku": "SKU-00902", "quantity": 2}]}""";

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Test
	void shouldRefuseTenThousandBrokenReservationsWithoutWritingAnything() throws Exception {
		this.jdbc.sql("UPDATE product SET stock = 10 WHERE sku IN ('SKU-00901', 'SKU-00902')").update();
		String before = state();

		BodyFuzzer.Report report = new BodyFuzzer(VALID.formatted(UUID.randomUUID()), 64 * 1024).send(this.api,
				"/api/reservations", (request) -> request, 10_000, 20261205L);

		System.out.println("inventory " + report.summary());
		assertThat(report.wrong()).as("answers other than 4xx").isEmpty();
		assertThat(state()).as("reservations, their lines and the stock").isEqualTo(before);
		assertThat(this.api.post("/api/reservations", VALID.formatted(UUID.randomUUID())).statusCode())
			.as("a valid reservation afterwards")
			.isEqualTo(201);
		assertThat(BodyFuzzer.health(this.api)).isEqualTo(200);
	}

	private String state() {
		return this.jdbc.sql("""
				SELECT (SELECT count(*) FROM reservation) || ' reservations, '
				    || (SELECT count(*) FROM reservation_line) || ' lines, stock '
				    || (SELECT sum(stock) FROM product)""").query(String.class).single();
	}

}
