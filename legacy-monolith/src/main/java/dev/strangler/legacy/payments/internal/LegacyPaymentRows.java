package dev.strangler.legacy.payments.internal;

import dev.strangler.legacy.payments.PaymentProcessing;
import java.util.List;

/**
 * The monolith's own payment rows, as the remote implementation still needs them while they exist (payments made
 * in-process before the switch). {@link JooqPayments} is the only implementation; the decommissioned monolith has
 * none, which is also how it knows it cannot switch back to in-process payments.
 */
interface LegacyPaymentRows {

    /** The order's payments, newest first. */
    List<PaymentProcessing.PaymentState> ofOrder(long orderId);

    /** True when the order has a payment that still counts (not declined, not voided). */
    boolean hasLivePayment(long orderId);
}
