package dev.strangler.payments.payment;

import dev.strangler.payments.payment.domain.Payment;
import org.jspecify.annotations.Nullable;

/**
 * A payment on the wire: exactly the monolith's shape (amounts as two-decimal strings, ISO-8601 UTC timestamps,
 * the card as its last four digits).
 */
public record PaymentResponse(
        long id,
        long orderId,
        String status,
        String amount,
        String currency,
        String cardLast4,
        String capturedAmount,
        String refundedAmount,
        @Nullable String pspReference,
        String createdAt,
        String updatedAt) {

    public static PaymentResponse from(Payment p) {
        return new PaymentResponse(p.id(), p.orderId(), p.status().name(), p.amount().format(), p.amount().currency(),
                p.cardLast4(), p.captured().format(), p.refunded().format(), p.pspReference(),
                p.createdAt().toString(), p.updatedAt().toString());
    }
}
