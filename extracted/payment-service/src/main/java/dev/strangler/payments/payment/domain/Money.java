package dev.strangler.payments.payment.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount in minor units (cents) with its currency. Minor units make sums exact; the wire keeps the monolith's
 * two-decimal strings ({@code "25.00"}). Every currency the shop sells in has two decimals.
 *
 * @param minor    the amount in cents, never negative
 * @param currency ISO 4217 code
 */
public record Money(long minor, String currency) {

    /** Decimals of every currency we accept. */
    public static final int SCALE = 2;

    public Money {
        if (minor < 0) {
            throw new IllegalArgumentException("negative amount");
        }
        if (!currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("not an ISO 4217 currency code");
        }
    }

    /** Parses a decimal amount; more than two decimals is the caller's mistake, never rounded away. */
    public static Money of(BigDecimal amount, String currency) {
        if (amount.stripTrailingZeros().scale() > SCALE) {
            throw PaymentRuleViolation.badRequest("invalid-amount", "An amount has at most two decimals.");
        }
        if (amount.signum() < 0) {
            throw PaymentRuleViolation.badRequest("invalid-amount", "An amount cannot be negative.");
        }
        return new Money(amount.setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact(), currency);
    }

    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    public Money plus(Money other) {
        sameCurrency(other);
        return new Money(Math.addExact(minor, other.minor), currency);
    }

    public boolean isPositive() {
        return minor > 0;
    }

    public boolean exceeds(Money other) {
        sameCurrency(other);
        return minor > other.minor;
    }

    /** The wire form: {@code 2500} becomes {@code "25.00"}. */
    public String format() {
        return BigDecimal.valueOf(minor, SCALE).toPlainString();
    }

    private void sameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch");
        }
    }
}
