package dev.strangler.customers.customer;

import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A row of the {@code customers} table.
 *
 * @param legacyId  the monolith's id of a customer the CDC bridge copied from it (then equal to {@code id}); null
 *                  for a customer registered here
 * @param createdAt UTC
 * @param updatedAt UTC, moved by every write
 * @param version   incremented by every write (0 after the insert)
 */
public record StoredCustomer(long id, @Nullable Long legacyId, String givenName, String familyName, String email,
        LocalDateTime createdAt, LocalDateTime updatedAt, int version) {
}
