package dev.latencylab.inventory.catalogue;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the product catalogue. Stock is changed by reservations, and by a person's count
 * ({@link ShelfStock}).
 */
@Repository
public class Catalogue {

	private static final RowMapper<Product> PRODUCT = (rs, row) -> new Product(rs.getString("sku"),
			rs.getString("name"), rs.getLong("price_cents"), rs.getInt("stock"));

	private final JdbcClient jdbc;

	public Catalogue(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One page of the catalogue in SKU order.
	 * @param page the page, from 0
	 * @param size products per page
	 * @return the products of that page; empty past the end
	 */
	public List<Product> page(int page, int size) {
		return this.jdbc.sql("""
				SELECT sku, name, price_cents, stock
				FROM product
				ORDER BY sku
				LIMIT :size OFFSET :offset
				""").param("size", size).param("offset", (long) page * size).query(PRODUCT).list();
	}

	/**
	 * @param sku the product
	 * @return the product, if the catalogue has it
	 */
	public Optional<Product> find(String sku) {
		return this.jdbc.sql("SELECT sku, name, price_cents, stock FROM product WHERE sku = :sku")
			.param("sku", sku)
			.query(PRODUCT)
			.optional();
	}

	/**
	 * The unit prices of the given products.
	 * @param skus the products
	 * @return price in cents by SKU, for the SKUs the catalogue has, in SKU order
	 */
	public Map<String, Long> prices(Collection<String> skus) {
		Map<String, Long> prices = new TreeMap<>();
		if (skus.isEmpty()) {
			return prices;
		}
		this.jdbc.sql("SELECT sku, price_cents FROM product WHERE sku IN (:skus)").param("skus", skus).query((rs) -> {
			prices.put(rs.getString("sku"), rs.getLong("price_cents"));
		});
		return prices;
	}

}
