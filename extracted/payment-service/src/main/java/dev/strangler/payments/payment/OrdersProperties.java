package dev.strangler.payments.payment;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code payments.orders.*}: where to ask for an order's total when an authorization does not carry it.
 *
 * @param baseUrl the monolith (its {@code GET /api/orders/{id}}); empty means callers must send the amount
 * @param timeout how long to wait for it
 */
@Validated
@ConfigurationProperties("payments.orders")
public record OrdersProperties(@Nullable String baseUrl, @DefaultValue("2s") @NotNull Duration timeout) {
}
