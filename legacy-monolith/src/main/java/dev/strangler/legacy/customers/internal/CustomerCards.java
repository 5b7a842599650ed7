package dev.strangler.legacy.customers.internal;

import java.util.Collection;
import java.util.Map;

/**
 * The last four digits of the card each customer paid with last. {@link SharedTableCustomerCards} cuts them out of
 * the payment tables (the tangle, primary while it exists); {@link PaymentApiCustomerCards} asks the payments
 * feature's API. The decommissioned monolith keeps only the second.
 */
public interface CustomerCards {

    /** Customer id to last four digits, for those of {@code customerIds} who ever paid. */
    Map<Long, String> lastCardLast4(Collection<Long> customerIds);
}
