package dev.latencylab.inventory.catalogue;

import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.latencylab.kit.ProblemException;

@RestController
@RequestMapping("/api/products")
class ProductController {

	private final Catalogue catalogue;

	ProductController(Catalogue catalogue) {
		this.catalogue = catalogue;
	}

	@GetMapping
	List<Product> products(@Valid PageQuery query) {
		return this.catalogue.page(query.page(), query.size());
	}

	@GetMapping("/{sku}")
	Product product(@PathVariable String sku) {
		return this.catalogue.find(sku)
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "unknown-sku", "Unknown SKU",
					"The catalogue has no product " + sku + ".")
				.with("sku", sku));
	}

}
