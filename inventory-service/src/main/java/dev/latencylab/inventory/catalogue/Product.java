package dev.latencylab.inventory.catalogue;

/**
 * A product of the catalogue with the stock that is free to reserve.
 *
 * @param sku the stock keeping unit, e.g. {@code SKU-00042}
 * @param name what people call it
 * @param priceCents the price of one unit in euro cents
 * @param stock units not held by any reservation
 */
public record Product(String sku, String name, long priceCents, int stock) {
}
