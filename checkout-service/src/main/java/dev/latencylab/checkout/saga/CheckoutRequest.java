package dev.latencylab.checkout.saga;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.LuhnCheck;

/**
 * What a customer sends to check out.
 *
 * @param customerId the customer
 * @param email the customer's email
 * @param lines what to buy
 * @param card how to pay
 * @param shippingAddress where to ship
 * @param billingAddress the card's billing address
 */
public record CheckoutRequest(@NotNull @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String customerId,
		@NotBlank @Email @Size(max = 254) String email,
		@NotNull @Size(min = 1, max = 50) List<@NotNull @Valid LineItem> lines, @NotNull @Valid Card card,
		@NotNull @Valid Address shippingAddress, @NotNull @Valid Address billingAddress) {

	/**
	 * @param sku the product
	 * @param quantity how many, 1 to 100
	 */
	public record LineItem(@NotNull @Pattern(regexp = "[A-Za-z0-9-]{1,32}") String sku,
			@NotNull @Min(1) @Max(100) Integer quantity) {
	}

	/**
	 * @param number the card number, 12 to 19 digits
	 * @param expiry MM/YY
	 */
	public record Card(
			@NotNull @Pattern(regexp = "\\d{12,19}") @LuhnCheck(message = "is not a valid card number") String number,
			@NotNull @Pattern(regexp = "(0[1-9]|1[0-2])/\\d{2}") String expiry) {

		@Override
		public String toString() {
			// card numbers never reach a log line
			return "Card[****" + this.number.substring(Math.max(0, this.number.length() - 4)) + "]";
		}

	}

	/**
	 * @param line1 street and number
	 * @param city the city
	 * @param postalCode the postal code
	 * @param country ISO 3166 alpha-2 code
	 */
	public record Address(@NotBlank @Size(max = 200) String line1, @NotBlank @Size(max = 200) String city,
			@NotBlank @Size(max = 16) String postalCode, @NotNull @Pattern(regexp = "[A-Z]{2}") String country) {
	}

}
