package dev.strangler.support.card;

/**
 * Whether a string of digits is a primary account number: 12-19 digits that pass the Luhn check. Every component that
 * meets card numbers (the monolith, the payment service's vault, the CDC bridge's translation, the proxy's redaction)
 * decides it the same way. The value types stay in each component ({@code CardNumber}, with a masking
 * {@code toString()}), so that which code can hold a PAN remains visible, and checked, per component.
 */
public final class PanCheck {

    /** The shortest and longest PANs of ISO/IEC 7812. */
    public static final int MIN_DIGITS = 12;
    public static final int MAX_DIGITS = 19;

    private PanCheck() {
    }

    /** True for 12-19 characters, all ASCII digits, that pass the Luhn check. */
    public static boolean isPan(CharSequence digits) {
        if (digits.length() < MIN_DIGITS || digits.length() > MAX_DIGITS) {
            return false;
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return luhn(digits);
    }

    /** The Luhn (mod 10) check over {@code digits}, which must be ASCII digits only. */
    public static boolean luhn(CharSequence digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
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
}
