package dev.strangler.legacy.payments;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The payment capability behind one interface: the branch-by-abstraction seam. {@code shop.payments.mode} picks
 * the implementation: {@code in-process} works on the shared schema, {@code remote} calls the extracted payment
 * service.
 * Every implementation must honour the same contract (documented in {@code openapi.yaml}): the same statuses,
 * amounts and problem types.
 */
public interface PaymentProcessing {

    /**
     * Authorizes the order's total on {@code card}. 404 {@code unknown-order}, 409 if the order is already paid or
     * cancelled, 402 when the gateway declines (nothing is stored), 502/504 when the gateway fails or is too slow.
     */
    default Payment authorize(long orderId, CardNumber card) {
        return authorize(orderId, card, (StatedAmount) null);
    }

    /**
     * {@link #authorize(long, CardNumber)} for a caller that said how much it pays: checked against the order's
     * total before the gateway is asked (422 {@code amount-mismatch}, nothing charged). The total is what is charged.
     */
    Payment authorize(long orderId, CardNumber card, @Nullable StatedAmount stated);

    /**
     * {@link #authorize(long, CardNumber)} as one step of a checkout saga: {@code idempotencyKey} is the same on every
     * retry of the step, so a retried step never charges twice. In-process, the step is part of the checkout's
     * transaction and needs no key.
     */
    default Payment authorize(long orderId, CardNumber card, String idempotencyKey) {
        return authorize(orderId, card);
    }

    /** What became of an order's payments (newest first): how a saga's recovery learns a lost answer. */
    List<PaymentState> paymentsOf(long orderId);

    /** A payment's id and status, as the payment side names it. */
    record PaymentState(long paymentId, String status) {

        /** True when the payment holds money: the order is paid. */
        public boolean holdsMoney() {
            return switch (status) {
                case "AUTHORIZED", "CAPTURED", "PARTIALLY_REFUNDED", "REFUNDED" -> true;
                default -> false;
            };
        }

        /** True while the payment side has not settled it. */
        public boolean pending() {
            return "PENDING".equals(status);
        }
    }

    /** The payment, or a 404 problem. */
    Payment get(long paymentId);

    /** Captures {@code amount}, or the full authorized amount when null. 409 unless the payment is AUTHORIZED. */
    Payment capture(long paymentId, @Nullable BigDecimal amount);

    /** Refunds part or all of the captured amount. 409 when more than what is left, or nothing was captured. */
    Payment refund(long paymentId, BigDecimal amount);

    /** Voids an authorization (its order was cancelled); the gateway releases it. 409 unless AUTHORIZED. */
    Payment voidPayment(long paymentId);

    /**
     * The payments of these orders, newest first: what the other features show of payments (order pages, customers'
     * last card, the sales report) once they may no longer read the payment tables.
     */
    List<Payment> paymentsOfOrders(Collection<Long> orderIds);
}
