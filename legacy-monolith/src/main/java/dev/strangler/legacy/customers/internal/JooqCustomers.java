package dev.strangler.legacy.customers.internal;

import static dev.strangler.legacy.db.Tables.CUSTOMERS;

import dev.strangler.legacy.customers.Customer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

/** The customers table; the last card a customer paid with is {@link CustomerCards}' to add. */
@Repository
public class JooqCustomers {

    private final DSLContext db;

    JooqCustomers(DSLContext db) {
        this.db = db;
    }

    public List<Customer> page(int offset, int limit) {
        return db.select(CUSTOMERS.ID, CUSTOMERS.EMAIL, CUSTOMERS.NAME, CUSTOMERS.CREATED_AT)
                .from(CUSTOMERS).orderBy(CUSTOMERS.ID).offset(offset).limit(limit)
                .fetch(JooqCustomers::toCustomer);
    }

    public long count() {
        return db.fetchCount(CUSTOMERS);
    }

    public Optional<Customer> find(long id) {
        return db.select(CUSTOMERS.ID, CUSTOMERS.EMAIL, CUSTOMERS.NAME, CUSTOMERS.CREATED_AT)
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
                r.get(CUSTOMERS.CREATED_AT).toInstant().toString(), null);
    }
}
