package dev.strangler.payments.psp;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code payments.psp.*}: where the gateway is, how long to wait, when to stop trying.
 *
 * @param baseUrl                 the gateway, e.g. the lab's fake PSP
 * @param connectTimeout          TCP connect timeout
 * @param readTimeout             longest silence of the gateway while its answer is awaited or read; past it an
 *                                authorization stays PENDING for the reconciler
 * @param connectRetries          extra attempts when the connection could not even be opened (nothing was sent)
 * @param circuitFailureRate      percentage of failed calls that opens the circuit
 * @param circuitMinimumCalls     calls in the window before the rate counts
 * @param circuitOpenFor          how long an open circuit fails fast before letting a probe through
 */
@Validated
@ConfigurationProperties("payments.psp")
public record PspProperties(
        @NotNull URI baseUrl,
        @DefaultValue("1s") @NotNull Duration connectTimeout,
        @DefaultValue("3s") @NotNull Duration readTimeout,
        @DefaultValue("2") @Min(0) int connectRetries,
        @DefaultValue("50") @Min(1) int circuitFailureRate,
        @DefaultValue("10") @Min(1) int circuitMinimumCalls,
        @DefaultValue("10s") @NotNull Duration circuitOpenFor) {
}
