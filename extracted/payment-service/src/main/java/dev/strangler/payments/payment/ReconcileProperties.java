package dev.strangler.payments.payment;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code payments.reconcile.*}: how PENDING authorizations are resolved.
 *
 * @param every       how often the reconciler looks
 * @param after       how old a PENDING payment must be; longer than the gateway read timeout, so that a request
 *                    still waiting for the gateway is never reconciled under its feet
 * @param maxAttempts attempts without an answer before the payment is marked FAILED
 */
@Validated
@ConfigurationProperties("payments.reconcile")
public record ReconcileProperties(
        @DefaultValue("5s") @NotNull Duration every,
        @DefaultValue("30s") @NotNull Duration after,
        @DefaultValue("5") @Min(1) int maxAttempts) {
}
