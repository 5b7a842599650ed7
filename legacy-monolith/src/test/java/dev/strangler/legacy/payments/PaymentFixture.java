package dev.strangler.legacy.payments;

import java.math.BigDecimal;
import java.time.Instant;

/** Payments in a given state, for unit tests. */
final class PaymentFixture {

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private PaymentFixture() {
    }

    static Payment authorized(String amount) {
        return new Payment(1, 2, PaymentStatus.AUTHORIZED, new BigDecimal(amount), "EUR", "4242",
                new BigDecimal("0.00"), new BigDecimal("0.00"), "auth_1", T0, T0);
    }

    static Payment captured(String amount) {
        Payment p = authorized(amount);
        return p.captured(p.amount(), T0);
    }

    static Payment inStatus(PaymentStatus status) {
        Payment p = authorized("10.00");
        return new Payment(p.id(), p.orderId(), status, p.amount(), p.currency(), p.cardLast4(), p.capturedAmount(),
                p.refundedAmount(), p.pspReference(), T0, T0);
    }
}
