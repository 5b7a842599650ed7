package dev.strangler.legacy.payments;

import dev.strangler.legacy.ShopProblem;

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

    /** True for 12-19 digits that pass the Luhn check. */
    public static boolean isValid(String digits) {
        if (digits.length() < 12 || digits.length() > 19) {
            return false;
        }
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            int d = c - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    public String last4() {
        return digits.substring(digits.length() - 4);
    }

    @Override
    public String toString() {
        return "****" + last4();
    }
}
