package dev.strangler.customers.shop;

import java.util.Collection;
import java.util.Map;

/** The last four digits of the card each customer paid with last. */
public interface CustomerCards {

    /**
     * Customer id to the last four digits of the card of their newest payment, for those of {@code customerIds} who
     * ever paid.
     *
     * @throws ShopUnavailable when the shop cannot be asked or gives no usable answer
     */
    Map<Long, String> lastCardLast4(Collection<Long> customerIds);
}
