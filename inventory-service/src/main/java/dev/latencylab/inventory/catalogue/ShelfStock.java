package dev.latencylab.inventory.catalogue;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sets a product's free stock to what a person counted, and books the difference as a
 * receipt, so that the books still add up: per product, the receipts are what the shelf
 * holds plus what reservations hold or sold ({@code ./lab audit} checks it).
 */
@Service
class ShelfStock {

	private final JdbcClient jdbc;

	private final Clock clock;

	ShelfStock(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * @param sku the product
	 * @param stock the units now free to reserve
	 * @return the change booked (the new stock less the old), if the catalogue has the
	 * product
	 */
	@Transactional
	Optional<Integer> set(String sku, int stock) {
		// the row lock orders this after reservations taking from the same product
		Optional<Integer> before = this.jdbc.sql("SELECT stock FROM product WHERE sku = :sku FOR UPDATE")
			.param("sku", sku)
			.query(Integer.class)
			.optional();
		before.filter((old) -> old != stock).ifPresent((old) -> {
			this.jdbc.sql("UPDATE product SET stock = :stock WHERE sku = :sku")
				.param("sku", sku)
				.param("stock", stock)
				.update();
			this.jdbc.sql("INSERT INTO stock_receipt (sku, delta, reason, at) VALUES (:sku, :delta, 'SET', :at)")
				.param("sku", sku)
				.param("delta", stock - old)
				.param("at", Timestamp.from(this.clock.instant()))
				.update();
		});
		return before.map((old) -> stock - old);
	}

}
