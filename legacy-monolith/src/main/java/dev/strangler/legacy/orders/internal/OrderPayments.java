package dev.strangler.legacy.orders.internal;

import dev.strangler.legacy.orders.OrderView;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the orders feature needs of an order's payment. The monolith ships two: {@link SharedTableOrderPayments}
 * reads and writes the payment tables (the tangle, primary while it exists) and {@link PaymentApiOrderPayments} goes
 * through the payments feature's API. The decommissioned monolith keeps only the second.
 */
public interface OrderPayments {

    /** The order's latest payment as the order page shows it; null while there is none. */
    OrderView.@Nullable PaymentSummary latest(long orderId);

    /**
     * Voids the order's authorized payment, if any. False, and nothing changed, when the order has money captured:
     * a cancellation cannot undo that.
     */
    boolean voidAuthorized(long orderId, Instant now);
}
