package dev.strangler.legacy.orders;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/orders}. Holds a PAN, so {@link #toString()} masks it.
 *
 * @param customerId who buys
 * @param items      what, at most 50 lines
 * @param cardNumber a card to pay with right away; without it the order waits for {@code POST /api/payments}
 */
public record CheckoutRequest(
        @NotNull @Positive Long customerId,
        @NotEmpty @Size(max = 50) List<@NotNull @Valid Item> items,
        @Nullable String cardNumber) {

    /** One line of the cart. */
    public record Item(@NotNull @Positive Long productId, @NotNull @Positive @Max(1000) Integer quantity) {
    }

    @Override
    public String toString() {
        return "CheckoutRequest[customerId=" + customerId + ", items=" + items + ", cardNumber="
                + (cardNumber == null ? "none" : "****") + "]";
    }
}
