package dev.strangler.legacy.customers.internal;

import static dev.strangler.legacy.db.Tables.CUSTOMERS;
import static dev.strangler.legacy.db.Tables.ORDERS;
import static dev.strangler.legacy.db.Tables.PAYMENTS;

import dev.strangler.legacy.customers.Customer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Customers, with the last card they paid with. */
@Repository
public class JooqCustomers {

    private final DSLContext db;

    JooqCustomers(DSLContext db) {
        this.db = db;
    }

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

    public List<Customer> page(int offset, int limit) {
        return db.select(CUSTOMERS.ID, CUSTOMERS.EMAIL, CUSTOMERS.NAME, CUSTOMERS.CREATED_AT, LAST_CARD_LAST4)
                .from(CUSTOMERS).orderBy(CUSTOMERS.ID).offset(offset).limit(limit)
                .fetch(JooqCustomers::toCustomer);
    }

    public long count() {
        return db.fetchCount(CUSTOMERS);
    }

    public Optional<Customer> find(long id) {
        return db.select(CUSTOMERS.ID, CUSTOMERS.EMAIL, CUSTOMERS.NAME, CUSTOMERS.CREATED_AT, LAST_CARD_LAST4)
                .from(CUSTOMERS).where(CUSTOMERS.ID.eq(id))
                .fetchOptional(JooqCustomers::toCustomer);
    }

    public boolean emailTaken(String email) {
        return db.fetchExists(CUSTOMERS, CUSTOMERS.EMAIL.eq(email));
    }

    public long insert(String email, String name, Instant now) {
        return db.insertInto(CUSTOMERS)
                .set(CUSTOMERS.EMAIL, email)
                .set(CUSTOMERS.NAME, name)
                .set(CUSTOMERS.CREATED_AT, now.atOffset(ZoneOffset.UTC))
                .returning(CUSTOMERS.ID)
                .fetchSingle(CUSTOMERS.ID);
    }

    private static Customer toCustomer(Record r) {
        return new Customer(r.get(CUSTOMERS.ID), r.get(CUSTOMERS.EMAIL), r.get(CUSTOMERS.NAME),
                r.get(CUSTOMERS.CREATED_AT).toInstant().toString(), r.get(LAST_CARD_LAST4));
    }
}
