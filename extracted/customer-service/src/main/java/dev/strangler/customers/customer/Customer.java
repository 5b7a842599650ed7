package dev.strangler.customers.customer;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A customer as the API shows it: the monolith's JSON, field for field and in the same order.
 *
 * @param lastCardLast4       last four digits of the card of the customer's newest payment, null if none
 * @param paymentsUnavailable why the last card cannot be shown (the shop cannot be asked); absent otherwise
 */
public record Customer(long id, String email, String name, String createdAt, @Nullable String lastCardLast4,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String paymentsUnavailable) {

    /** What a customer shows of their last card while payments cannot be asked: the monolith's words. */
    public static final String PAYMENTS_UNAVAILABLE = "Payments unavailable: the payment service cannot be"
            + " reached right now, so the last card is not shown.";

    /** The row as shown, before its last card is known. */
    public static Customer of(StoredCustomer row) {
        return new Customer(row.id(), row.email(), CustomerMapping.join(row.givenName(), row.familyName()),
                CustomerMapping.shownTime(row.createdAt()), null, null);
    }

    public Customer withLastCard(@Nullable String last4) {
        return new Customer(id, email, name, createdAt, last4, null);
    }

    public Customer withPaymentsUnavailable() {
        return new Customer(id, email, name, createdAt, null, PAYMENTS_UNAVAILABLE);
    }
}
