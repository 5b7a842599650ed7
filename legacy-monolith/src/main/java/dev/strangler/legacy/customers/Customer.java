package dev.strangler.legacy.customers;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A customer as the API shows it.
 *
 * @param lastCardLast4      last four digits of the card of the customer's latest payment, null if none (or unknown)
 * @param paymentsUnavailable why the last card cannot be shown (the payment service cannot be reached); absent
 *                            otherwise
 */
public record Customer(long id, String email, String name, String createdAt, @Nullable String lastCardLast4,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String paymentsUnavailable) {

    /** What a customer shows of their last card while the payment service cannot be asked. */
    public static final String PAYMENTS_UNAVAILABLE = "Payments unavailable: the payment service cannot be"
            + " reached right now, so the last card is not shown.";

    public Customer(long id, String email, String name, String createdAt, @Nullable String lastCardLast4) {
        this(id, email, name, createdAt, lastCardLast4, null);
    }

    public Customer withLastCard(@Nullable String last4) {
        return new Customer(id, email, name, createdAt, last4, null);
    }

    public Customer withPaymentsUnavailable() {
        return new Customer(id, email, name, createdAt, null, PAYMENTS_UNAVAILABLE);
    }
}
