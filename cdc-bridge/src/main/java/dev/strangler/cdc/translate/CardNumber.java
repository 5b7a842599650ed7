package dev.strangler.cdc.translate;

import dev.strangler.support.card.PanCheck;

/**
 * A primary account number read from a legacy row. It exists as a type so that it can never be logged or
 * serialized by accident: {@link #toString()} masks all but the last four digits, and nothing in the bridge turns it
 * into anything but a vault token.
 *
 * @param digits 12-19 digits, Luhn-valid
 */
public record CardNumber(String digits) {

    public CardNumber {
        if (!isValid(digits)) {
            throw new IllegalArgumentException("not a valid card number");
        }
    }

    /** The card number in a legacy column, or null when the column holds something else (a masked value). */
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

    @Override
    public String toString() {
        return "****" + last4();
    }
}
