package dev.strangler.payments.payment.domain;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A payment: an order's amount authorized on a tokenized card, then captured and refunded. The transition methods
 * hold the state machine and return the next state; they never touch a gateway or a database.
 *
 * @param id          numeric, like the monolith's (see {@code V1__payment_schema.sql} for the range)
 * @param legacyId    the monolith's id of the same payment while both exist, else null
 * @param cardToken   the vault's token, never a PAN
 * @param version     optimistic lock: bumped on every change
 */
public record Payment(
        long id,
        long orderId,
        @Nullable Long legacyId,
        PaymentStatus status,
        Money amount,
        Money captured,
        Money refunded,
        String cardToken,
        String cardLast4,
        String cardBrand,
        @Nullable String pspReference,
        int version,
        Instant createdAt,
        Instant updatedAt) {

    /** A payment the gateway has not answered for yet. */
    public static Payment pending(long id, long orderId, Money amount, String cardToken, String cardLast4,
            String cardBrand, Instant now) {
        return new Payment(id, orderId, null, PaymentStatus.PENDING, amount, Money.zero(amount.currency()),
                Money.zero(amount.currency()), cardToken, cardLast4, cardBrand, null, 0, now, now);
    }

    public Payment authorized(String pspReference, Instant now) {
        requireStatus(PaymentStatus.PENDING, "authorized");
        return next(PaymentStatus.AUTHORIZED, captured, refunded, pspReference, now);
    }

    public Payment declined(Instant now) {
        requireStatus(PaymentStatus.PENDING, "declined");
        return next(PaymentStatus.DECLINED, captured, refunded, pspReference, now);
    }

    public Payment failed(Instant now) {
        requireStatus(PaymentStatus.PENDING, "failed");
        return next(PaymentStatus.FAILED, captured, refunded, pspReference, now);
    }

    /**
     * The amount to capture: {@code requested}, or the full authorized amount when null. Only an authorized payment
     * can be captured, once, and for no more than was authorized.
     */
    public Money captureAmount(@Nullable Money requested) {
        if (status != PaymentStatus.AUTHORIZED) {
            throw PaymentRuleViolation.conflict("illegal-transition",
                    "Only an AUTHORIZED payment can be captured; this one is " + status + ".");
        }
        Money capture = requested == null ? amount : requested;
        if (!capture.isPositive()) {
            throw PaymentRuleViolation.badRequest("invalid-amount", "The capture amount must be more than zero.");
        }
        if (capture.exceeds(amount)) {
            throw PaymentRuleViolation.conflict("amount-exceeds-authorized",
                    "The capture amount is more than the authorized amount.");
        }
        return capture;
    }

    public Payment captured(Money capture, Instant now) {
        return next(PaymentStatus.CAPTURED, capture, refunded, pspReference, now);
    }

    /**
     * Releases an authorization nothing was captured from: the order was cancelled. Only an AUTHORIZED payment can
     * be voided; captured money is refunded instead.
     */
    public Payment voided(Instant now) {
        requireStatus(PaymentStatus.AUTHORIZED, "voided");
        return next(PaymentStatus.VOIDED, captured, refunded, pspReference, now);
    }

    /** Checks a refund: only captured money can be refunded, and never more than what is left of it. */
    public Money refundAmount(Money refund) {
        if (!refund.isPositive()) {
            throw PaymentRuleViolation.badRequest("invalid-amount", "The refund amount must be more than zero.");
        }
        if (status != PaymentStatus.CAPTURED && status != PaymentStatus.PARTIALLY_REFUNDED) {
            throw PaymentRuleViolation.conflict("illegal-transition",
                    "Only a CAPTURED or PARTIALLY_REFUNDED payment can be refunded; this one is " + status + ".");
        }
        if (refunded.plus(refund).exceeds(captured)) {
            throw PaymentRuleViolation.conflict("refund-exceeds-captured",
                    "The refund is more than the captured amount not yet refunded.");
        }
        return refund;
    }

    public Payment refunded(Money refund, Instant now) {
        Money total = refunded.plus(refund);
        PaymentStatus next = total.minor() == captured.minor() ? PaymentStatus.REFUNDED
                : PaymentStatus.PARTIALLY_REFUNDED;
        return next(next, captured, total, pspReference, now);
    }

    private void requireStatus(PaymentStatus expected, String what) {
        if (status != expected) {
            throw PaymentRuleViolation.conflict("illegal-transition",
                    "Only a " + expected + " payment can be " + what + "; this one is " + status + ".");
        }
    }

    private Payment next(PaymentStatus next, Money captured, Money refunded, @Nullable String pspReference,
            Instant now) {
        return new Payment(id, orderId, legacyId, next, amount, captured, refunded, cardToken, cardLast4, cardBrand,
                pspReference, version + 1, createdAt, now);
    }
}
