package dev.latencylab.inventory.reservation;

import java.time.Duration;
import java.time.Instant;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import dev.latencylab.kit.test.MutableClock;
import dev.latencylab.inventory.Api;
import dev.latencylab.inventory.InventoryIntegrationTest;

import static dev.latencylab.inventory.Api.line;
import static org.assertj.core.api.Assertions.assertThat;

@InventoryIntegrationTest
class ReservationApiTests {

	private static final String MUG = "SKU-00901";

	private static final String LAMP = "SKU-00902";

	private static final String CHAIR = "SKU-00903";

	@Autowired
	Api api;

	@Autowired
	MutableClock clock;

	@BeforeEach
	void freshStock() {
		this.api.setStock(MUG, 10);
		this.api.setStock(LAMP, 10);
		this.api.setStock(CHAIR, 10);
	}

	@Test
	void shouldReserveEveryLineAtCatalogPrices() {
		UUID orderId = UUID.randomUUID();
		long mugPrice = this.api.price(MUG);
		long lampPrice = this.api.price(LAMP);

		HttpResponse<String> response = this.api.reserve(orderId, line(LAMP, 2), line(MUG, 3));

		assertThat(response.statusCode()).isEqualTo(201);
		JsonNode reservation = this.api.json(response);
		assertThat(response.headers().firstValue("Location"))
			.hasValue("/api/reservations/" + reservation.get("reservationId").asString());
		assertThat(reservation.get("orderId").asString()).isEqualTo(orderId.toString());
		assertThat(reservation.get("status").asString()).isEqualTo("PENDING");
		assertThat(reservation.get("lines").get(0).get("sku").asString()).isEqualTo(LAMP);
		assertThat(reservation.get("lines").get(0).get("quantity").asInt()).isEqualTo(2);
		assertThat(reservation.get("lines").get(0).get("unitPriceCents").asLong()).isEqualTo(lampPrice);
		assertThat(reservation.get("lines").get(1).get("sku").asString()).isEqualTo(MUG);
		assertThat(reservation.get("totalCents").asLong()).isEqualTo(2 * lampPrice + 3 * mugPrice);
		assertThat(Instant.parse(reservation.get("expiresAt").asString()))
			.isEqualTo(this.clock.instant().plus(Duration.ofMinutes(15)));
		assertThat(this.api.stock(LAMP)).isEqualTo(8);
		assertThat(this.api.stock(MUG)).isEqualTo(7);
	}

	@Test
	void shouldAnswerTheSameReservationWhenAnOrderIsReservedAgain() {
		UUID orderId = UUID.randomUUID();
		HttpResponse<String> first = this.api.reserve(orderId, line(MUG, 3));

		HttpResponse<String> again = this.api.reserve(orderId, line(MUG, 3));

		assertThat(first.statusCode()).isEqualTo(201);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(this.api.json(again)).isEqualTo(this.api.json(first));
		assertThat(this.api.stock(MUG)).isEqualTo(7);
		assertThat(this.api.reservationCount()).isEqualTo(1);
	}

	@Test
	void shouldReadAReservation() {
		HttpResponse<String> reserved = this.api.reserve(MUG, 1);

		HttpResponse<String> read = this.api.get("/api/reservations/" + this.api.reservationId(reserved));

		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(this.api.json(read)).isEqualTo(this.api.json(reserved));
	}

	@Test
	void shouldAnswerUnknownReservationForAnIdNobodyReserved() {
		UUID nobody = UUID.randomUUID();

		HttpResponse<String> read = this.api.get("/api/reservations/" + nobody);
		HttpResponse<String> confirm = this.api.post("/api/reservations/" + nobody + "/confirm");
		HttpResponse<String> release = this.api.post("/api/reservations/" + nobody + "/release");

		for (HttpResponse<String> response : List.of(read, confirm, release)) {
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(this.api.problemSlug(response)).isEqualTo("unknown-reservation");
		}
	}

	@Test
	void shouldConfirmAPendingReservationOnceAndAnswerTheSameAgain() {
		UUID reservationId = this.api.reservationId(this.api.reserve(MUG, 4));

		HttpResponse<String> confirmed = this.api.post("/api/reservations/" + reservationId + "/confirm");
		HttpResponse<String> again = this.api.post("/api/reservations/" + reservationId + "/confirm");

		assertThat(confirmed.statusCode()).isEqualTo(200);
		assertThat(this.api.json(confirmed).get("status").asString()).isEqualTo("CONFIRMED");
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(this.api.json(again)).isEqualTo(this.api.json(confirmed));
		assertThat(this.api.stock(MUG)).isEqualTo(6);
	}

	@Test
	void shouldGiveStockBackOnceWhenAReservationIsReleasedTwice() {
		UUID reservationId = this.api.reservationId(this.api.reserve(UUID.randomUUID(), line(MUG, 4), line(LAMP, 1)));

		HttpResponse<String> released = this.api.post("/api/reservations/" + reservationId + "/release");
		HttpResponse<String> again = this.api.post("/api/reservations/" + reservationId + "/release");

		assertThat(released.statusCode()).isEqualTo(200);
		assertThat(this.api.json(released).get("status").asString()).isEqualTo("RELEASED");
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(this.api.json(again)).isEqualTo(this.api.json(released));
		assertThat(this.api.stock(MUG)).isEqualTo(10);
		assertThat(this.api.stock(LAMP)).isEqualTo(10);
	}

	@Test
	void shouldRefuseToConfirmAReleasedReservation() {
		UUID reservationId = this.api.reservationId(this.api.reserve(MUG, 4));
		this.api.post("/api/reservations/" + reservationId + "/release");

		HttpResponse<String> confirm = this.api.post("/api/reservations/" + reservationId + "/confirm");

		assertThat(confirm.statusCode()).isEqualTo(409);
		assertThat(this.api.problemSlug(confirm)).isEqualTo("reservation-not-pending");
		assertThat(this.api.json(confirm).get("status").asString()).isEqualTo("RELEASED");
		assertThat(this.api.status(reservationId)).isEqualTo("RELEASED");
		assertThat(this.api.stock(MUG)).isEqualTo(10);
	}

	@Test
	void shouldRefuseToReleaseAConfirmedReservation() {
		UUID reservationId = this.api.reservationId(this.api.reserve(MUG, 4));
		this.api.post("/api/reservations/" + reservationId + "/confirm");

		HttpResponse<String> release = this.api.post("/api/reservations/" + reservationId + "/release");

		assertThat(release.statusCode()).isEqualTo(409);
		assertThat(this.api.problemSlug(release)).isEqualTo("reservation-not-pending");
		assertThat(this.api.status(reservationId)).isEqualTo("CONFIRMED");
		assertThat(this.api.stock(MUG)).isEqualTo(6);
	}

	@Test
	void shouldReserveNothingWhenOneLineIsOutOfStock() {
		HttpResponse<String> response = this.api.reserve(UUID.randomUUID(), line(MUG, 2), line(CHAIR, 11),
				line(LAMP, 5));

		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.api.json(response);
		assertThat(problem.get("type").asString()).isEqualTo("https://latency-lab.dev/problems/out-of-stock");
		assertThat(problem.get("sku").asString()).isEqualTo(CHAIR);
		assertThat(problem.get("requested").asInt()).isEqualTo(11);
		assertThat(problem.get("available").asInt()).isEqualTo(10);
		assertThat(this.api.stock(MUG)).isEqualTo(10);
		assertThat(this.api.stock(LAMP)).isEqualTo(10);
		assertThat(this.api.stock(CHAIR)).isEqualTo(10);
		assertThat(this.api.reservationCount()).isZero();
		assertThat(this.api.reservationLineCount()).isZero();
	}

	@Test
	void shouldLetAnOrderRetryAfterItWasOutOfStock() {
		UUID orderId = UUID.randomUUID();
		HttpResponse<String> outOfStock = this.api.reserve(orderId, line(MUG, 11));
		this.api.setStock(MUG, 20);

		HttpResponse<String> retry = this.api.reserve(orderId, line(MUG, 11));

		assertThat(outOfStock.statusCode()).isEqualTo(409);
		assertThat(retry.statusCode()).isEqualTo(201);
		assertThat(this.api.stock(MUG)).isEqualTo(9);
	}

	@Test
	void shouldAnswerUnknownSkuWithoutReservingTheOtherLines() {
		HttpResponse<String> response = this.api.reserve(UUID.randomUUID(), line(MUG, 1), line("SKU-99999", 1));

		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(this.api.problemSlug(response)).isEqualTo("unknown-sku");
		assertThat(this.api.json(response).get("sku").asString()).isEqualTo("SKU-99999");
		assertThat(this.api.stock(MUG)).isEqualTo(10);
		assertThat(this.api.reservationCount()).isZero();
	}

	@Test
	void shouldRejectARepeatedSkuAsInvalid() {
		HttpResponse<String> response = this.api.reserve(UUID.randomUUID(), line(MUG, 1), line(LAMP, 1), line(MUG, 2));

		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode problem = this.api.json(response);
		assertThat(problem.get("type").asString()).isEqualTo("https://latency-lab.dev/problems/invalid-request");
		assertThat(problem.get("sku").asString()).isEqualTo(MUG);
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("lines[2].sku");
		assertThat(this.api.stock(MUG)).isEqualTo(10);
		assertThat(this.api.reservationCount()).isZero();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					quantity 0          | {"orderId": "%s", "lines": [{"sku": "SKU-00901", "quantity": 0}]}       | invalid-request
					quantity 101        | {"orderId": "%s", "lines": [{"sku": "SKU-00901", "quantity": 101}]}     | invalid-request
					negative quantity   | {"orderId": "%s", "lines": [{"sku": "SKU-00901", "quantity": -3}]}      | invalid-request
					missing quantity    | {"orderId": "%s", "lines": [{"sku": "SKU-00901"}]}                      | invalid-request
					SKU with spaces     | {"orderId": "%s", "lines": [{"sku": "SKU 00901", "quantity": 1}]}       | invalid-request
					no lines            | {"orderId": "%s", "lines": []}                                          | invalid-request
					missing lines       | {"orderId": "%s"}                                                       | invalid-request
					missing order id    | {"lines": [{"sku": "SKU-00901", "quantity": 1}]}                        | invalid-request
					order id not a UUID | {"orderId": "order-1", "lines": [{"sku": "SKU-00901", "quantity": 1}]}  | malformed-body
					quantity not number | {"orderId": "%s", "lines": [{"sku": "SKU-00901", "quantity": "two"}]}   | malformed-body
					quantity quoted     | {"orderId": "%s", "lines": [{"sku": "SKU-00901", "quantity": "1"}]}     | malformed-body
					quantity fractional | {"orderId": "%s", "lines": [{"sku": "SKU-00901", "quantity": 1.5}]}     | malformed-body
					SKU a number        | {"orderId": "%s", "lines": [{"sku": 901, "quantity": 1}]}               | malformed-body
					malformed JSON      | {"orderId": "%s", "lines": [{"sku": "SKU-00901", "quantity": 1}        | malformed-body
					""")
	void shouldRejectAnInvalidReservationWithoutWritingAnything(String name, String template, String slug) {
		HttpResponse<String> response = this.api.post("/api/reservations", template.formatted(UUID.randomUUID()));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.api.problemSlug(response)).isEqualTo(slug);
		assertThat(this.api.stock(MUG)).isEqualTo(10);
		assertThat(this.api.reservationCount()).isZero();
		assertThat(this.api.reservationLineCount()).isZero();
	}

	@Test
	void shouldAcceptFiftyLinesButNotFiftyOne() {
		String fifty = IntStream.rangeClosed(901, 950)
			.mapToObj((n) -> line("SKU-00" + n, 1))
			.collect(Collectors.joining(", "));
		IntStream.rangeClosed(901, 951).forEach((n) -> this.api.setStock("SKU-00" + n, 10));

		HttpResponse<String> fiftyOne = this.api.reserve(UUID.randomUUID(), fifty, line("SKU-00951", 1));
		HttpResponse<String> fiftyLines = this.api.reserve(UUID.randomUUID(), fifty);

		assertThat(fiftyOne.statusCode()).isEqualTo(400);
		assertThat(this.api.problemSlug(fiftyOne)).isEqualTo("invalid-request");
		assertThat(fiftyLines.statusCode()).isEqualTo(201);
		assertThat(this.api.json(fiftyLines).get("lines").size()).isEqualTo(50);
		assertThat(this.api.stock("SKU-00951")).isEqualTo(10);
		assertThat(this.api.stock("SKU-00950")).isEqualTo(9);
	}

}
