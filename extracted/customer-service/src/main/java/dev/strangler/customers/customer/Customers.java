package dev.strangler.customers.customer;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The {@code customers} table. Every write sets {@code updated_at} and moves {@code version} (an insert starts at
 * 0); the service has no update of its own yet, and the CDC bridge's writes follow the same rule.
 */
public interface Customers {

    /** Customers by id, from {@code offset}. */
    List<StoredCustomer> page(int offset, int limit);

    long count();

    Optional<StoredCustomer> find(long id);

    /**
     * Inserts a new customer with an id from the service's range (from 1,000,000,000); empty, and nothing written,
     * when the (normalized) email is taken already.
     */
    Optional<StoredCustomer> insert(String email, CustomerMapping.NameParts name, LocalDateTime now);
}
