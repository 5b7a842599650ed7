package dev.strangler.payments.payment.internal;

import dev.strangler.payments.payment.PaymentService;
import dev.strangler.payments.payment.Payments;
import dev.strangler.payments.payment.ReconcileProperties;
import dev.strangler.payments.payment.domain.Payment;
import dev.strangler.payments.psp.PspClient;
import dev.strangler.payments.psp.PspResult;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Resolves PENDING authorizations (a gateway timeout, or a crash between asking the gateway and storing its
 * answer) by asking the gateway again with the same idempotency key: a gateway that honours the key answers with
 * the original authorization instead of charging twice. After {@code max-attempts} silent attempts the payment is
 * FAILED; an uncaptured authorization lapses at the gateway.
 */
@Component
public class PaymentReconciler {

    private static final Logger log = LoggerFactory.getLogger(PaymentReconciler.class);

    private final Payments payments;
    private final PaymentService service;
    private final PspClient psp;
    private final ReconcileProperties properties;
    private final Clock clock;

    PaymentReconciler(Payments payments, PaymentService service, PspClient psp, ReconcileProperties properties,
            Clock clock) {
        this.payments = payments;
        this.service = service;
        this.psp = psp;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${payments.reconcile.every:5s}", initialDelayString = "${payments.reconcile.every:5s}")
    public void reconcile() {
        for (Payment pending : payments.pendingSince(clock.instant().minus(properties.after()), 50)) {
            reconcile(pending);
        }
    }

    /**
     * Asks the gateway about one PENDING payment. Only an approval or a decline settles it: a gateway error or a
     * silence says nothing about the original call, so it only counts as an attempt.
     */
    public Payment reconcile(Payment pending) {
        PspResult result = psp.authorize(pending.cardToken(), pending.amount(), "order-" + pending.orderId(),
                PaymentService.authorizationKey(pending.id()));
        if (result instanceof PspResult.Approved || result instanceof PspResult.Declined) {
            Payment settled = service.settle(pending, result);
            log.info("Reconciled payment {}: {}", settled.id(), settled.status());
            return settled;
        }
        int attempts = payments.recordAttempt(pending.id(), clock.instant());
        Payment now = payments.find(pending.id()).orElseThrow();
        if (attempts >= properties.maxAttempts()) {
            Payment failed = service.settle(now, new PspResult.Failed("no answer after " + attempts + " attempts"));
            log.warn("Payment {} marked {} after {} unanswered attempts", pending.id(), failed.status(), attempts);
            return failed;
        }
        return now;
    }
}
