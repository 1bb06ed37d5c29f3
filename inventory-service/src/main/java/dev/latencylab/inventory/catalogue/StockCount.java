package dev.latencylab.inventory.catalogue;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * What a person counted on the shelf for one product.
 *
 * @param stock units free to reserve, 0 to 1,000,000
 */
record StockCount(@NotNull @Min(0) @Max(1_000_000) Integer stock) {
}
