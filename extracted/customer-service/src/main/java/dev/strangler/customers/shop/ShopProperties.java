package dev.strangler.customers.shop;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code customers.shop.*}: where the service asks for customers' orders and those orders' payments.
 *
 * @param baseUrl        the shop's public API: the proxy in front of the monolith and the payment service, so that a
 *                       payment lookup goes wherever the proxy routes payments
 * @param connectTimeout how long to wait for a connection (and for a free one of the pool)
 * @param readTimeout    the longest silence while an answer is awaited or read; each read makes up to two calls
 */
@Validated
@ConfigurationProperties("customers.shop")
public record ShopProperties(
        @NotBlank String baseUrl,
        @DefaultValue("1s") @NotNull Duration connectTimeout,
        @DefaultValue("2s") @NotNull Duration readTimeout) {
}
