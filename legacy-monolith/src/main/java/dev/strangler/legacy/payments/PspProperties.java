package dev.strangler.legacy.payments;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code shop.psp.*}: where the payment gateway is and how long to wait for it.
 *
 * @param baseUrl        the gateway, e.g. the lab's fake PSP
 * @param connectTimeout how long to wait for a TCP connection
 * @param readTimeout    longest silence of the gateway while its answer is awaited or read; past it the
 *                       request fails with 504
 */
@Validated
@ConfigurationProperties("shop.psp")
public record PspProperties(
        @NotNull URI baseUrl,
        @DefaultValue("1s") @NotNull Duration connectTimeout,
        @DefaultValue("3s") @NotNull Duration readTimeout) {
}
