package dev.strangler.payments.payment;

import dev.strangler.payments.payment.domain.Money;

/**
 * Where the service learns what an order costs. The orders stay in the monolith and this service has no orders
 * table, but the amount it charges must be the order's, never the caller's word: every authorization asks.
 */
public interface OrderTotals {

    /**
     * The total of an order that can be paid; otherwise a 404 {@code unknown-order}, a 409 {@code order-not-payable}
     * (cancelled) or {@code order-already-paid} problem, or a 502 when the shop cannot be asked.
     */
    Money totalOf(long orderId);
}
