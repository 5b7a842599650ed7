package dev.strangler.payments;

/** The fake PSP's test PANs (card-network test numbers, never real cards). */
public final class Cards {

    public static final String APPROVED = "4242424242424242";
    public static final String MASTERCARD = "5555555555554444";
    public static final String DECLINED = "4000000000000002";
    public static final String GATEWAY_ERROR = "4000000000000119";
    public static final String TIMEOUT = "4000000000000259";

    private Cards() {
    }

    public static String authorize(long orderId, String card) {
        return "{\"orderId\":" + orderId + ",\"cardNumber\":\"" + card + "\"}";
    }

    /** The same with the amount the caller says it pays. */
    public static String authorize(long orderId, String card, String amount, String currency) {
        return "{\"orderId\":" + orderId + ",\"cardNumber\":\"" + card + "\",\"amount\":\"" + amount
                + "\",\"currency\":\"" + currency + "\"}";
    }
}
