package dev.strangler.legacy.payments;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * The payment capability behind one interface: the branch-by-abstraction seam. {@code shop.payments.mode} picks
 * the implementation; today only {@code in-process} exists, a later one calls the extracted payment service.
 * Every implementation must honour the same contract (documented in {@code openapi.yaml}): the same statuses,
 * amounts and problem types.
 */
public interface PaymentProcessing {

    /**
     * Authorizes the order's total on {@code card}. 409 if the order is already paid or cancelled, 402 when the
     * gateway declines (nothing is stored), 502/504 when the gateway fails or is too slow.
     */
    Payment authorize(long orderId, CardNumber card);

    /** The payment, or a 404 problem. */
    Payment get(long paymentId);

    /** Captures {@code amount}, or the full authorized amount when null. 409 unless the payment is AUTHORIZED. */
    Payment capture(long paymentId, @Nullable BigDecimal amount);

    /** Refunds part or all of the captured amount. 409 when more than what is left, or nothing was captured. */
    Payment refund(long paymentId, BigDecimal amount);
}
