package dev.strangler.payments.payment.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * A payment's state. The monolith's statuses plus {@link #PENDING} (the gateway has been asked, the answer is not
 * known yet: a reconciler resolves it) and {@link #FAILED} (the gateway failed, nothing was charged). The monolith
 * kept neither because it stored nothing until the gateway had answered.
 */
public enum PaymentStatus {

    PENDING,
    AUTHORIZED,
    CAPTURED,
    PARTIALLY_REFUNDED,
    REFUNDED,
    DECLINED,
    VOIDED,
    FAILED;

    /** The statuses that hold money, or may: an order has at most one payment in one of them. */
    public static final Set<PaymentStatus> LIVE = EnumSet.of(PENDING, AUTHORIZED, CAPTURED, PARTIALLY_REFUNDED,
            REFUNDED);

    public boolean isLive() {
        return LIVE.contains(this);
    }
}
