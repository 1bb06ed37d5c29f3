package dev.latencylab.inventory.catalogue;

import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.latencylab.kit.ProblemException;

@RestController
class ProductController {

	private final Catalogue catalogue;

	private final ShelfStock shelf;

	ProductController(Catalogue catalogue, ShelfStock shelf) {
		this.catalogue = catalogue;
		this.shelf = shelf;
	}

	@GetMapping("/api/products")
	List<Product> products(@Valid PageQuery query) {
		return this.catalogue.page(query.page(), query.size());
	}

	@GetMapping("/api/products/{sku}")
	Product product(@PathVariable String sku) {
		return this.catalogue.find(sku).orElseThrow(() -> unknown(sku));
	}

	/**
	 * Sets a product's free stock to what a person counted (admin token): the change is
	 * booked as a receipt, so that the audit's stock balance still holds.
	 */
	@PutMapping("/admin/stock/{sku}")
	StockChange setStock(@PathVariable String sku, @Valid @RequestBody StockCount count) {
		int delta = this.shelf.set(sku, count.stock()).orElseThrow(() -> unknown(sku));
		return new StockChange(sku, count.stock(), delta);
	}

	private static ProblemException unknown(String sku) {
		return new ProblemException(HttpStatus.NOT_FOUND, "unknown-sku", "Unknown SKU",
				"The catalogue has no product " + sku + ".")
			.with("sku", sku);
	}

	/**
	 * @param sku the product
	 * @param stock the units now free to reserve
	 * @param delta the change booked as a receipt (0: the count was the stock already)
	 */
	record StockChange(String sku, int stock, int delta) {
	}

}
