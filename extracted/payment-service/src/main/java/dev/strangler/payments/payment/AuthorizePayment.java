package dev.strangler.payments.payment;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * The command to authorize an order's amount. Holds a PAN as typed by the caller, so {@link #toString()} masks it.
 *
 * @param amount   the amount to authorize; null means "the order's total", asked of the monolith
 * @param currency with {@code amount}; EUR when null
 */
public record AuthorizePayment(long orderId, String cardNumber, @Nullable BigDecimal amount,
        @Nullable String currency) {

    @Override
    public String toString() {
        return "AuthorizePayment[orderId=" + orderId + ", cardNumber=****, amount=" + amount + ", currency="
                + currency + "]";
    }
}
