package dev.latencylab.checkout.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.latencylab.checkout.ResilienceTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The order store on a real PostgreSQL: an order moved through the saga's steps reads
 * back whole (its lines priced, its history in order, at the times written), each order
 * with its own lines only, whichever way it is found.
 */
@ResilienceTest
class OrdersTests {

	@Autowired
	Orders orders;

	@Autowired
	JdbcClient jdbc;

	@Test
	void shouldReadAnOrderBackWholeAfterEveryStep() {
		String customer = "orders-test-" + UUID.randomUUID();
		UUID order = open(customer, new Order.Line("SKU-00002", 1, null), new Order.Line("SKU-00001", 3, null));
		UUID reservation = UUID.randomUUID();
		UUID payment = UUID.randomUUID();

		this.orders.reserved(order, reservation,
				List.of(new Order.Line("SKU-00001", 3, 1000L), new Order.Line("SKU-00002", 1, 250L)), 3250);
		this.orders.scored(order, "ALLOW", "fraud: ALLOW (score 3)");
		this.orders.authorized(order, payment);
		this.orders.advance(order, OrderStatus.CONFIRMED, "payment captured");

		Order found = this.orders.find(order).orElseThrow();
		assertThat(found.status()).isEqualTo(OrderStatus.CONFIRMED);
		assertThat(found.totalCents()).isEqualTo(3250L);
		assertThat(found.reservationId()).isEqualTo(reservation);
		assertThat(found.paymentId()).isEqualTo(payment);
		assertThat(found.fraudDecision()).isEqualTo("ALLOW");
		assertThat(found.lines()).containsExactly(new Order.Line("SKU-00001", 3, 1000L),
				new Order.Line("SKU-00002", 1, 250L));
		assertThat(found.history()).extracting(Order.StatusChange::status, Order.StatusChange::note)
			.containsExactly(tuple(OrderStatus.PENDING, "checkout accepted"),
					tuple(OrderStatus.RESERVED, "stock reserved"), tuple(OrderStatus.SCORED, "fraud: ALLOW (score 3)"),
					tuple(OrderStatus.AUTHORIZED, "payment authorized"),
					tuple(OrderStatus.CONFIRMED, "payment captured"));
		assertThat(found.history()).extracting(Order.StatusChange::at).containsExactlyElementsOf(writtenTimes(order));
	}

	@Test
	void shouldPriceOnlyTheReservedOrdersLines() {
		String customer = "orders-test-" + UUID.randomUUID();
		UUID first = open(customer, new Order.Line("SKU-00001", 1, null));
		UUID second = open(customer, new Order.Line("SKU-00001", 2, null), new Order.Line("SKU-00003", 1, null));

		this.orders.reserved(second, UUID.randomUUID(),
				List.of(new Order.Line("SKU-00001", 2, 700L), new Order.Line("SKU-00003", 1, 90L)), 1490);

		assertThat(this.orders.find(first).orElseThrow().lines()).containsExactly(new Order.Line("SKU-00001", 1, null));
		assertThat(this.orders.findByCustomer(customer, 10)).extracting(Order::orderId, Order::lines)
			.containsExactlyInAnyOrder(tuple(first, List.of(new Order.Line("SKU-00001", 1, null))),
					tuple(second, List.of(new Order.Line("SKU-00001", 2, 700L), new Order.Line("SKU-00003", 1, 90L))));
		assertThat(this.orders.findByCustomer(customer, 10))
			.allSatisfy((order) -> assertThat(order.history()).hasSizeGreaterThanOrEqualTo(1));
	}

	@Test
	void shouldFindNothingForAnUnknownOrder() {
		assertThat(this.orders.find(UUID.randomUUID())).isEmpty();
	}

	private UUID open(String customer, Order.Line... lines) {
		UUID order = UUID.randomUUID();
		this.orders.claim(new Orders.NewOrder(order, customer, List.of(lines)), "orders-test-" + order, "0".repeat(64),
				"orders@example.com");
		return order;
	}

	/** The history's times as the table holds them, read on their own. */
	private List<Instant> writtenTimes(UUID order) {
		return this.jdbc.sql("SELECT at FROM order_status_history WHERE order_id = :id ORDER BY id")
			.param("id", order)
			.query((rs, row) -> rs.getTimestamp("at").toInstant())
			.list();
	}

}
