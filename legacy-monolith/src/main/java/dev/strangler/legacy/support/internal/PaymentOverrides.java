package dev.strangler.legacy.support.internal;

import dev.strangler.legacy.payments.PaymentStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * The support desk's status override. {@link JooqSupport} writes the status straight into the payment table (the
 * tangle, primary while it exists); {@link PaymentApiOverrides} turns the override into the operation that reaches
 * that status through the payment rules. The decommissioned monolith keeps only the second.
 */
public interface PaymentOverrides {

    /** Moves the payment to {@code target}; its status before, or empty when there is no such payment. */
    Optional<PaymentStatus> override(long paymentId, PaymentStatus target, String note, Instant now);
}
