package dev.latencylab.fraud.scoring;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.latencylab.fraud.rules.Address;
import dev.latencylab.fraud.rules.Order;

/**
 * Body of {@code POST /api/fraud/scores}.
 *
 * @param orderId the order to score
 * @param customerId who placed it
 * @param email the customer's email address
 * @param amountCents the order total in euro cents
 * @param shippingAddress where the goods go
 * @param billingAddress where the card is registered
 */
record ScoreRequest(@NotNull UUID orderId,
		@NotNull @Pattern(regexp = "[A-Za-z0-9_-]{1,64}",
				message = "must be 1 to 64 letters, digits, '_' or '-'") String customerId,
		@NotBlank @Email @Size(max = 254) String email, @NotNull @Min(1) @Max(10_000_000) Long amountCents,
		@NotNull @Valid AddressRequest shippingAddress, @NotNull @Valid AddressRequest billingAddress) {

	Order toOrder() {
		return new Order(this.orderId, this.customerId, this.email, this.amountCents, this.shippingAddress.toAddress(),
				this.billingAddress.toAddress());
	}

	/**
	 * An address in a request.
	 *
	 * @param line1 street and number
	 * @param city the city
	 * @param postalCode the postal code
	 * @param country ISO 3166 alpha-2 code, upper case
	 */
	record AddressRequest(@NotBlank @Size(max = 200) String line1, @NotBlank @Size(max = 200) String city,
			@NotBlank @Size(max = 16) String postalCode, @NotNull @Pattern(regexp = "[A-Z]{2}",
					message = "must be an ISO 3166 alpha-2 code in upper case") String country) {

		Address toAddress() {
			return new Address(this.line1, this.city, this.postalCode, this.country);
		}

	}

}
