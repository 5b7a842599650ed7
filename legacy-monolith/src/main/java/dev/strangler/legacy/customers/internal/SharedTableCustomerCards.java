package dev.strangler.legacy.customers.internal;

import static dev.strangler.legacy.db.Tables.CUSTOMERS;
import static dev.strangler.legacy.db.Tables.ORDERS;
import static dev.strangler.legacy.db.Tables.PAYMENTS;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Repository;

/** The customers' last cards straight from the shared payment tables: how the monolith always did it. */
@Repository
@Primary
public class SharedTableCustomerCards implements CustomerCards {

    // TANGLE(step-6): the customer view cuts the last four digits out of the raw card_number of the customer's
    // latest payment, joining payments through orders. This puts customers in PCI scope and breaks once the
    // payments table leaves the monolith.
    private static final Field<String> LAST_CARD_LAST4 = DSL.field(
            DSL.select(DSL.right(PAYMENTS.CARD_NUMBER, 4))
                    .from(PAYMENTS).join(ORDERS).on(ORDERS.ID.eq(PAYMENTS.ORDER_ID))
                    .where(ORDERS.CUSTOMER_ID.eq(CUSTOMERS.ID))
                    .orderBy(PAYMENTS.ID.desc())
                    .limit(1))
            .as("last_card_last4");

    private final DSLContext db;

    SharedTableCustomerCards(DSLContext db) {
        this.db = db;
    }

    @Override
    public Map<Long, String> lastCardLast4(Collection<Long> customerIds) {
        Map<Long, String> last4 = new HashMap<>();
        db.select(CUSTOMERS.ID, LAST_CARD_LAST4).from(CUSTOMERS).where(CUSTOMERS.ID.in(customerIds))
                .forEach(r -> {
                    if (r.value2() != null) {
                        last4.put(r.value1(), r.value2());
                    }
                });
        return last4;
    }
}
