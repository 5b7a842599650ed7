package dev.strangler.legacy.payments;

import dev.strangler.legacy.Money;
import dev.strangler.legacy.ShopProblem;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A payment as the shop sees it, without the card number. The transition methods hold the rules every
 * implementation of {@link PaymentProcessing} must keep; they are pure so that unit tests can drive them.
 */
public record Payment(
        long id,
        long orderId,
        PaymentStatus status,
        BigDecimal amount,
        String currency,
        String cardLast4,
        BigDecimal capturedAmount,
        BigDecimal refundedAmount,
        @Nullable String pspReference,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * The amount to capture: {@code requested}, or the full authorized amount when null. Only an authorized payment
     * can be captured, once, and for no more than was authorized.
     */
    public BigDecimal captureAmount(@Nullable BigDecimal requested) {
        if (status != PaymentStatus.AUTHORIZED) {
            throw ShopProblem.conflict("illegal-transition",
                    "Only an AUTHORIZED payment can be captured; this one is " + status + ".");
        }
        BigDecimal capture = requested == null ? amount : Money.normalize(requested);
        if (!Money.isPositive(capture)) {
            throw ShopProblem.badRequest("invalid-amount", "The capture amount must be more than zero.");
        }
        if (capture.compareTo(amount) > 0) {
            throw ShopProblem.conflict("amount-exceeds-authorized",
                    "The capture amount is more than the authorized amount.");
        }
        return capture;
    }

    /** This payment after capturing {@code capture}, as returned by {@link #captureAmount}. */
    public Payment captured(BigDecimal capture, Instant now) {
        return new Payment(id, orderId, PaymentStatus.CAPTURED, amount, currency, cardLast4, capture,
                refundedAmount, pspReference, createdAt, now);
    }

    /** This payment voided: only an AUTHORIZED payment, nothing of which was captured, can be. */
    public Payment voided(Instant now) {
        if (status != PaymentStatus.AUTHORIZED) {
            throw ShopProblem.conflict("illegal-transition",
                    "Only an AUTHORIZED payment can be voided; this one is " + status + ".");
        }
        return new Payment(id, orderId, PaymentStatus.VOIDED, amount, currency, cardLast4, capturedAmount,
                refundedAmount, pspReference, createdAt, now);
    }

    /**
     * Checks a refund of {@code requested}: only captured money can be refunded, and never more than what is left
     * of it.
     */
    public BigDecimal refundAmount(BigDecimal requested) {
        BigDecimal refund = Money.normalize(requested);
        if (!Money.isPositive(refund)) {
            throw ShopProblem.badRequest("invalid-amount", "The refund amount must be more than zero.");
        }
        if (status != PaymentStatus.CAPTURED && status != PaymentStatus.PARTIALLY_REFUNDED) {
            throw ShopProblem.conflict("illegal-transition",
                    "Only a CAPTURED or PARTIALLY_REFUNDED payment can be refunded; this one is " + status + ".");
        }
        if (refundedAmount.add(refund).compareTo(capturedAmount) > 0) {
            throw ShopProblem.conflict("refund-exceeds-captured",
                    "The refund is more than the captured amount not yet refunded.");
        }
        return refund;
    }

    /** This payment after refunding {@code refund}, as returned by {@link #refundAmount}. */
    public Payment refunded(BigDecimal refund, Instant now) {
        BigDecimal total = refundedAmount.add(refund);
        PaymentStatus next = total.compareTo(capturedAmount) == 0
                ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
        return new Payment(id, orderId, next, amount, currency, cardLast4, capturedAmount, total, pspReference,
                createdAt, now);
    }
}
