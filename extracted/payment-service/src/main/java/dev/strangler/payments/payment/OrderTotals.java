package dev.strangler.payments.payment;

import dev.strangler.payments.payment.domain.Money;

/**
 * Where the service learns an order's total when the caller does not say it. The orders stay in the monolith;
 * this service has no orders table.
 */
public interface OrderTotals {

    /** The order's total; a 422 {@code unknown-order} or 409 {@code order-not-payable} problem otherwise. */
    Money totalOf(long orderId);
}
