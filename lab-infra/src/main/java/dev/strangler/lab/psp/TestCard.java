package dev.strangler.lab.psp;

/**
 * The card numbers the fake gateway knows, all card-network test PANs (Luhn-valid, never real cards), and what
 * it does with each. Any other well-formed number is approved.
 */
public enum TestCard {

    /** Approved. */
    VISA_APPROVED("4242424242424242", "approved"),
    /** Approved (Mastercard). */
    MASTERCARD_APPROVED("5555555555554444", "approved"),
    /** Always declined: HTTP 402, {@code decline_code=card_declined}. */
    DECLINED("4000000000000002", "declined (card_declined)"),
    /** Declined for lack of funds: HTTP 402, {@code decline_code=insufficient_funds}. */
    INSUFFICIENT_FUNDS("4000000000009995", "declined (insufficient_funds)"),
    /** The gateway fails: HTTP 503. */
    GATEWAY_ERROR("4000000000000119", "gateway error (HTTP 503)"),
    /** The gateway answers only after {@link FakePspSettings#timeoutDelayMs()}: longer than any sane client timeout. */
    TIMEOUT("4000000000000259", "times out (answers after 30 s)");

    private final String number;
    private final String behaviour;

    TestCard(String number, String behaviour) {
        this.number = number;
        this.behaviour = behaviour;
    }

    /** The test PAN. */
    public String number() {
        return number;
    }

    /** What the fake gateway does with it, for docs and {@code --help}. */
    public String behaviour() {
        return behaviour;
    }

    /** True when {@code digits} passes the Luhn check that every real and test PAN passes. */
    public static boolean luhnValid(String digits) {
        if (!digits.matches("\\d{12,19}")) {
            return false;
        }
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
