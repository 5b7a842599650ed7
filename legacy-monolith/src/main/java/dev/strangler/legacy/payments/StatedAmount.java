package dev.strangler.legacy.payments;

import dev.strangler.legacy.ShopProblem;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * The amount a caller of {@code POST /api/payments} says it is paying. The shop charges an order's total and
 * nothing else; a stated amount is only checked against it, so that a caller that believes it pays 1.00 for an
 * order of 160.67 learns it before anything is charged.
 *
 * @param amount   what the caller expects to pay
 * @param currency its currency; the order's own when null
 */
public record StatedAmount(BigDecimal amount, @Nullable String currency) {

    /** Passes when this is the order's total, to the cent and in its currency; 422 {@code amount-mismatch} if not. */
    public void requireTotal(BigDecimal total, String orderCurrency) {
        boolean sameCurrency = currency == null || currency.equals(orderCurrency);
        if (!sameCurrency || amount.compareTo(total) != 0) {
            throw ShopProblem.unprocessable("amount-mismatch",
                    "The amount is not the order's total; leave it out to pay the total.");
        }
    }

    /** Checks {@code stated} when a caller gave one. */
    public static void requireTotal(@Nullable StatedAmount stated, BigDecimal total, String orderCurrency) {
        if (stated != null) {
            stated.requireTotal(total, orderCurrency);
        }
    }
}
