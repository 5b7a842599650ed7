package dev.strangler.customers.shop.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Picks each customer's last card from the shop's answers: the card of the payment with the highest id among the
 * customer's orders, as the monolith's customer view picks it ({@code order by payments.id desc limit 1}). Payments
 * in a state the monolith does not know ({@code PENDING}, {@code FAILED}: the payment service's, holding no money)
 * are left out, as the monolith leaves them out when it asks the payment service. Pure: no I/O.
 */
final class LastCards {

    /** The statuses the monolith shows; any other payment is not one a customer's last card can come from. */
    static final Set<String> SHOWN_STATUSES = Set.of("AUTHORIZED", "CAPTURED", "PARTIALLY_REFUNDED", "REFUNDED",
            "DECLINED", "VOIDED");

    /** What a payment lookup says of one payment. */
    record SeenPayment(long id, long orderId, String status, @Nullable String cardLast4) {
    }

    private LastCards() {
    }

    /** Customer id to last four digits, for the customers (of {@code customerOfOrder}'s values) who paid. */
    static Map<Long, String> newest(Map<Long, Long> customerOfOrder, Collection<SeenPayment> payments) {
        Map<Long, SeenPayment> newest = new HashMap<>();
        for (SeenPayment payment : payments) {
            Long customer = customerOfOrder.get(payment.orderId());
            if (customer == null || payment.cardLast4() == null || !SHOWN_STATUSES.contains(payment.status())) {
                continue;
            }
            newest.merge(customer, payment, (a, b) -> a.id() >= b.id() ? a : b);
        }
        Map<Long, String> last4 = new HashMap<>();
        newest.forEach((customer, payment) -> last4.put(customer, payment.cardLast4()));
        return last4;
    }
}
