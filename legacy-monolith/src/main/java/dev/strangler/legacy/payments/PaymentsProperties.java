package dev.strangler.legacy.payments;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code shop.payments.*}.
 *
 * @param mode                 which {@link PaymentProcessing} runs: {@code in-process} (jOOQ on the shared schema) or
 *                             {@code remote} (the extracted payment service over HTTP, with a checkout saga)
 * @param remoteBaseUrl        the payment service, for {@code remote}
 * @param remoteConnectTimeout TCP connect timeout to the payment service
 * @param remoteReadTimeout    longest silence of the payment service while its answer is awaited or read; longer
 *                             than the service's own gateway timeout
 * @param remoteAttempts       attempts per call when the service cannot be reached (same Idempotency-Key each time)
 * @param sagaGrace            how old an unsettled checkout must be before recovery asks the service about it;
 *                             longer than a checkout's own attempts, so recovery never races a live checkout
 * @param sagaRecoveryEvery    how often recovery looks for unsettled checkouts
 */
@Validated
@ConfigurationProperties("shop.payments")
public record PaymentsProperties(
        @DefaultValue("in-process") @NotBlank String mode,
        @Nullable URI remoteBaseUrl,
        @DefaultValue("1s") @NotNull Duration remoteConnectTimeout,
        @DefaultValue("8s") @NotNull Duration remoteReadTimeout,
        @DefaultValue("3") @Min(1) int remoteAttempts,
        @DefaultValue("30s") @NotNull Duration sagaGrace,
        @DefaultValue("2s") @NotNull Duration sagaRecoveryEvery) {

    /** True when payments run in the extracted service. */
    public boolean remote() {
        return "remote".equals(mode);
    }
}
