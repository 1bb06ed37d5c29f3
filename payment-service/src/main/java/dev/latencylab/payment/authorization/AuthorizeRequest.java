package dev.latencylab.payment.authorization;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * What a caller sends to hold an amount on a card. The Luhn check and the expiry date are
 * checked by {@link PaymentService}, after these constraints.
 *
 * @param orderId the order to pay
 * @param amountCents 1 to 10,000,000 cents
 * @param currency {@code EUR}, the only currency of the lab
 * @param card the card to charge
 */
record AuthorizeRequest(@NotNull UUID orderId, @NotNull @Min(1) @Max(10_000_000) Long amountCents,
		@NotNull @Pattern(regexp = "EUR", message = "must be EUR") String currency, @NotNull @Valid Card card) {

	/**
	 * @param number 12 to 19 digits, no spaces
	 * @param expiry the last month the card is valid, {@code MM/YY}
	 */
	record Card(@NotNull @Pattern(regexp = "[0-9]{12,19}", message = "must be 12 to 19 digits") String number,
			@NotNull @Pattern(regexp = "(0[1-9]|1[0-2])/[0-9]{2}", message = "must be MM/YY") String expiry) {

		String last4() {
			return this.number.substring(this.number.length() - 4);
		}

	}

}
