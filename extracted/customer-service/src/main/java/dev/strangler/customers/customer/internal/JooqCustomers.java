package dev.strangler.customers.customer.internal;

import static dev.strangler.customers.db.Tables.CUSTOMERS;

import dev.strangler.customers.customer.CustomerMapping;
import dev.strangler.customers.customer.Customers;
import dev.strangler.customers.customer.StoredCustomer;
import dev.strangler.customers.db.tables.records.CustomersRecord;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** {@link Customers} on the service's own PostgreSQL table, with jOOQ. */
@Repository
class JooqCustomers implements Customers {

    private final DSLContext db;

    JooqCustomers(DSLContext db) {
        this.db = db;
    }

    @Override
    public List<StoredCustomer> page(int offset, int limit) {
        return db.selectFrom(CUSTOMERS).orderBy(CUSTOMERS.ID).offset(offset).limit(limit)
                .fetch(JooqCustomers::toStored);
    }

    @Override
    public long count() {
        return db.fetchCount(CUSTOMERS);
    }

    @Override
    public Optional<StoredCustomer> find(long id) {
        return db.selectFrom(CUSTOMERS).where(CUSTOMERS.ID.eq(id)).fetchOptional().map(JooqCustomers::toStored);
    }

    @Override
    public Optional<StoredCustomer> insert(String email, CustomerMapping.NameParts name, LocalDateTime now) {
        // one statement decides a race of two registrations with one email: the loser inserts nothing
        return db.insertInto(CUSTOMERS)
                .set(CUSTOMERS.GIVEN_NAME, name.given())
                .set(CUSTOMERS.FAMILY_NAME, name.family())
                .set(CUSTOMERS.EMAIL, email)
                .set(CUSTOMERS.CREATED_AT, now)
                .set(CUSTOMERS.UPDATED_AT, now)
                .set(CUSTOMERS.VERSION, 0)
                .onConflict(CUSTOMERS.EMAIL).doNothing()
                .returning()
                .fetchOptional()
                .map(JooqCustomers::toStored);
    }

    private static StoredCustomer toStored(CustomersRecord r) {
        return new StoredCustomer(r.getId(), r.getLegacyId(), r.getGivenName(), r.getFamilyName(), r.getEmail(),
                r.getCreatedAt(), r.getUpdatedAt(), r.getVersion());
    }
}
