package dev.latencylab.inventory.reservation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

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

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void shouldRefuseTenThousandBrokenReservationsWithoutWritingAnything() throws Exception {
		this.jdbc.sql("UPDATE product SET stock = 10 WHERE sku IN ('SKU-00901', 'SKU-00902')").update();
		String before = state();
		String service = "http://127.0.0.1:" + this.port;
		URI reservations = URI.create(service + "/api/reservations");

		BodyFuzzer.Report report = new BodyFuzzer(VALID.formatted(UUID.randomUUID()), 64 * 1024).send(this.http,
				reservations, (request) -> request, 10_000, 20261205L);

		System.out.println("inventory " + report.summary());
		assertThat(report.wrong()).as("answers other than 4xx").isEmpty();
		assertThat(state()).as("reservations, their lines and the stock").isEqualTo(before);
		HttpRequest valid = HttpRequest.newBuilder(reservations)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(VALID.formatted(UUID.randomUUID())))
			.build();
		assertThat(this.http.send(valid, HttpResponse.BodyHandlers.discarding()).statusCode())
			.as("a valid reservation afterwards")
			.isEqualTo(201);
		assertThat(BodyFuzzer.health(this.http, service)).isEqualTo(200);
	}

	private String state() {
		return this.jdbc.sql("""
				SELECT (SELECT count(*) FROM reservation) || ' reservations, '
				    || (SELECT count(*) FROM reservation_line) || ' lines, stock '
				    || (SELECT sum(stock) FROM product)""").query(String.class).single();
	}

}
