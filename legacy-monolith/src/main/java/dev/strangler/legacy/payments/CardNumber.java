package dev.strangler.legacy.payments;

import dev.strangler.legacy.ShopProblem;
import dev.strangler.support.card.PanCheck;

/**
 * A primary account number (PAN). It exists as a value type only so that it can never be logged by accident:
 * {@link #toString()} masks all but the last four digits.
 *
 * @param digits the 12-19 digits, Luhn-valid
 */
public record CardNumber(String digits) {

    public CardNumber {
        if (!isValid(digits)) {
            throw new IllegalArgumentException("not a valid card number");
        }
    }

    /** Parses what a caller typed (spaces and dashes allowed); a 400 problem if it is not a valid PAN. */
    public static CardNumber parse(String raw) {
        String digits = raw.replace(" ", "").replace("-", "");
        if (!isValid(digits)) {
            throw ShopProblem.badRequest("invalid-card-number", "The card number is not a valid card number.");
        }
        return new CardNumber(digits);
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
