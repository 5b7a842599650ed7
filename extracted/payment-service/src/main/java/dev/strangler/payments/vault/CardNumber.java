package dev.strangler.payments.vault;

import dev.strangler.support.card.PanCheck;

/**
 * A primary account number. It exists as a type so that it can never be logged by accident: {@link #toString()}
 * masks all but the last four digits.
 *
 * @param digits 12-19 digits, Luhn-valid
 */
public record CardNumber(String digits) {

    public CardNumber {
        if (!isValid(digits)) {
            throw new IllegalArgumentException("not a valid card number");
        }
    }

    /** What a caller typed (spaces and dashes allowed), or null when it is not a valid PAN. */
    public static CardNumber parseOrNull(String raw) {
        String digits = raw.replace(" ", "").replace("-", "");
        return isValid(digits) ? new CardNumber(digits) : null;
    }

    /** True for 12-19 digits that pass the Luhn check ({@link PanCheck}, the same rule in every component). */
    public static boolean isValid(String digits) {
        return PanCheck.isPan(digits);
    }

    public String last4() {
        return digits.substring(digits.length() - 4);
    }

    /** The card network, from the issuer prefix; enough for receipts and reports. */
    public String brand() {
        if (digits.startsWith("4")) {
            return "VISA";
        }
        int two = Integer.parseInt(digits.substring(0, 2));
        int four = Integer.parseInt(digits.substring(0, 4));
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return "MASTERCARD";
        }
        if (two == 34 || two == 37) {
            return "AMEX";
        }
        if (digits.startsWith("6011") || two == 65) {
            return "DISCOVER";
        }
        return "OTHER";
    }

    @Override
    public String toString() {
        return "****" + last4();
    }
}
