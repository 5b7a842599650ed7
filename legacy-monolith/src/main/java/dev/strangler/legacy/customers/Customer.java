package dev.strangler.legacy.customers;

import org.jspecify.annotations.Nullable;

/**
 * A customer as the API shows it.
 *
 * @param lastCardLast4 last four digits of the card of the customer's latest payment, null if none
 */
public record Customer(long id, String email, String name, String createdAt, @Nullable String lastCardLast4) {

    public Customer withLastCard(@Nullable String last4) {
        return new Customer(id, email, name, createdAt, last4);
    }
}
