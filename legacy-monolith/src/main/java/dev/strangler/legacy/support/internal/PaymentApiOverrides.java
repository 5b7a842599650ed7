package dev.strangler.legacy.support.internal;

import dev.strangler.legacy.ShopProblem;
import dev.strangler.legacy.payments.Payment;
import dev.strangler.legacy.payments.PaymentProcessing;
import dev.strangler.legacy.payments.PaymentStatus;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The override as the payment rules allow it: VOIDED voids, CAPTURED captures the authorized amount, REFUNDED
 * refunds what is left, each through the payments feature's API (the gateway is told, the amounts follow). Any other
 * target has no operation behind it: 409 {@code override-not-supported}, nothing changed. This is the explicit
 * operation TANGLE(step-5) asked the extraction for.
 */
@Component
class PaymentApiOverrides implements PaymentOverrides {

    private static final Logger log = LoggerFactory.getLogger(PaymentApiOverrides.class);

    private final PaymentProcessing payments;

    PaymentApiOverrides(PaymentProcessing payments) {
        this.payments = payments;
    }

    @Override
    public Optional<PaymentStatus> override(long paymentId, PaymentStatus target, String note, Instant now) {
        Payment payment;
        try {
            payment = payments.get(paymentId);
        } catch (ShopProblem problem) {
            if (problem.getStatusCode().value() == 404) {
                return Optional.empty();
            }
            throw problem;
        }
        if (payment.status() != target) {
            switch (target) {
                case VOIDED -> payments.voidPayment(paymentId);
                case CAPTURED -> payments.capture(paymentId, null);
                case REFUNDED -> payments.refund(paymentId,
                        payment.capturedAmount().subtract(payment.refundedAmount()));
                default -> throw ShopProblem.conflict("override-not-supported", "A payment becomes " + target
                        + " only through the payment rules; support can void, capture or refund it.");
            }
            log.info("Support moved payment {} from {} to {} through the payment rules", paymentId, payment.status(),
                    target);
        }
        return Optional.of(payment.status());
    }
}
