package dev.strangler.legacy.payments;

import dev.strangler.legacy.Money;
import org.jspecify.annotations.Nullable;

/**
 * A payment on the wire: amounts as two-decimal strings, timestamps as ISO-8601 UTC, the card as its last four
 * digits only. The extracted payment service must produce exactly this shape.
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
        return new PaymentResponse(p.id(), p.orderId(), p.status().name(), Money.format(p.amount()), p.currency(),
                p.cardLast4(), Money.format(p.capturedAmount()), Money.format(p.refundedAmount()), p.pspReference(),
                p.createdAt().toString(), p.updatedAt().toString());
    }
}
