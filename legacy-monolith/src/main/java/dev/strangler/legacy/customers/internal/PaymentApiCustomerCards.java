package dev.strangler.legacy.customers.internal;

import static dev.strangler.legacy.db.Tables.ORDERS;

import dev.strangler.legacy.payments.Payment;
import dev.strangler.legacy.payments.PaymentProcessing;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * The customers' last cards through the payments feature's API: their orders from the orders table, those orders'
 * payments from the API (the payment service, in the decommissioned monolith), the newest one's last four digits.
 * No card number ever reaches this class.
 */
@Component
class PaymentApiCustomerCards implements CustomerCards {

    private final DSLContext db;
    private final PaymentProcessing payments;

    PaymentApiCustomerCards(DSLContext db, PaymentProcessing payments) {
        this.db = db;
        this.payments = payments;
    }

    @Override
    public Map<Long, String> lastCardLast4(Collection<Long> customerIds) {
        Map<Long, Long> customerOfOrder = db.select(ORDERS.ID, ORDERS.CUSTOMER_ID).from(ORDERS)
                .where(ORDERS.CUSTOMER_ID.in(customerIds))
                .fetchMap(ORDERS.ID, ORDERS.CUSTOMER_ID);
        Map<Long, String> last4 = new HashMap<>();
        if (customerOfOrder.isEmpty()) {
            return last4;
        }
        // newest first: the first payment seen for a customer is their latest
        for (Payment p : payments.paymentsOfOrders(customerOfOrder.keySet())) {
            last4.putIfAbsent(customerOfOrder.get(p.orderId()), p.cardLast4());
        }
        return last4;
    }
}
