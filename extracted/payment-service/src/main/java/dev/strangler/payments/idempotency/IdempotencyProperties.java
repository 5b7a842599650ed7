package dev.strangler.payments.idempotency;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code payments.idempotency.*}.
 *
 * @param ttl             how long a key is remembered; after that the same key is a new request
 * @param waitFor         how long a duplicate waits for the first request with its key before getting 409
 * @param inFlightTimeout after this, a key still marked in progress is taken as abandoned (the process died)
 */
@Validated
@ConfigurationProperties("payments.idempotency")
public record IdempotencyProperties(
        @DefaultValue("24h") @NotNull Duration ttl,
        @DefaultValue("10s") @NotNull Duration waitFor,
        @DefaultValue("30s") @NotNull Duration inFlightTimeout) {
}
