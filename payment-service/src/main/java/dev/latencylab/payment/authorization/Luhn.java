package dev.latencylab.payment.authorization;

/**
 * The Luhn (mod 10) check digit of card numbers, which catches a mistyped digit and most
 * swapped neighbours before a number ever reaches the card network.
 */
public final class Luhn {

	private Luhn() {
	}

	/**
	 * @param digits a card number, digits only
	 * @return whether it is non-empty, all digits and its check digit is right
	 */
	public static boolean isValid(String digits) {
		if (digits == null || digits.isEmpty()) {
			return false;
		}
		int sum = 0;
		boolean doubled = false;
		for (int i = digits.length() - 1; i >= 0; i--) {
			char c = digits.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
			int digit = c - '0';
			if (doubled) {
				digit *= 2;
				// the digit sum of 10..18 is the number minus 9
				if (digit > 9) {
					digit -= 9;
				}
			}
			sum += digit;
			doubled = !doubled;
		}
		return sum % 10 == 0;
	}

}
