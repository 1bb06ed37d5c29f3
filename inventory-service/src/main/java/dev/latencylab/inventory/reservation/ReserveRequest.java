package dev.latencylab.inventory.reservation;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a caller sends to hold stock for an order.
 *
 * @param orderId the order; a second request for it finds the first reservation
 * @param lines 1 to 50 lines, each SKU on one line only
 */
record ReserveRequest(@NotNull UUID orderId, @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid Line> lines) {

	/**
	 * @param sku the product
	 * @param quantity how many units, 1 to 100
	 */
	record Line(@NotNull @Pattern(regexp = "[A-Za-z0-9-]{1,32}") String sku,
			@NotNull @Min(1) @Max(100) Integer quantity) {
	}

}
