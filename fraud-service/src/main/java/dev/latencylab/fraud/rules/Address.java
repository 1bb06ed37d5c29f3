package dev.latencylab.fraud.rules;

/**
 * A postal address of an order.
 *
 * @param line1 street and number
 * @param city the city
 * @param postalCode the postal code as written
 * @param country ISO 3166 alpha-2 code, upper case
 */
public record Address(String line1, String city, String postalCode, String country) {

}
