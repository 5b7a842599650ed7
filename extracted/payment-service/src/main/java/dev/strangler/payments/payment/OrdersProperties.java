package dev.strangler.payments.payment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code payments.orders.*}: where the service asks for an order's total. Required: an authorization charges the
 * order's total, never an amount the caller made up, so a service that cannot ask refuses to start.
 *
 * @param baseUrl the shop's order API (its {@code GET /api/orders/{id}}): the monolith, or the proxy in front of it
 * @param timeout how long to wait for it
 */
@Validated
@ConfigurationProperties("payments.orders")
public record OrdersProperties(@NotBlank String baseUrl, @DefaultValue("2s") @NotNull Duration timeout) {
}
