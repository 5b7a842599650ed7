package dev.strangler.payments.payment;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * The command to authorize an order's amount. Holds a PAN as typed by the caller, so {@link #toString()} masks it.
 *
 * @param amount   the amount the caller expects to pay, or null; the service always charges the order's total, asked
 *                 of the shop, and refuses a stated amount that differs from it
 * @param currency with {@code amount}; the order's currency when null
 */
public record AuthorizePayment(long orderId, String cardNumber, @Nullable BigDecimal amount,
        @Nullable String currency) {

    @Override
    public String toString() {
        return "AuthorizePayment[orderId=" + orderId + ", cardNumber=****, amount=" + amount + ", currency="
                + currency + "]";
    }
}
