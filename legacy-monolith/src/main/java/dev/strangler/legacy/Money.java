package dev.strangler.legacy;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money as the shop has always kept it: {@code numeric(12,2)} in the database, a two-decimal string on the wire
 * ({@code "25.00"}) so that no client loses cents to floating point.
 */
public final class Money {

    /** Every amount has exactly this many decimals. */
    public static final int SCALE = 2;

    /** The only currency the shop sells in. */
    public static final String CURRENCY = "EUR";

    private Money() {
    }

    /** {@code amount} with two decimals; more decimals than two is a caller error, not something to round away. */
    public static BigDecimal normalize(BigDecimal amount) {
        if (amount.stripTrailingZeros().scale() > SCALE) {
            throw ShopProblem.badRequest("invalid-amount", "An amount has at most two decimals.");
        }
        return amount.setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    /** The wire form: {@code 25} becomes {@code "25.00"}. */
    public static String format(BigDecimal amount) {
        return amount.setScale(SCALE, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** True when {@code amount} is more than zero. */
    public static boolean isPositive(BigDecimal amount) {
        return amount.signum() > 0;
    }
}
