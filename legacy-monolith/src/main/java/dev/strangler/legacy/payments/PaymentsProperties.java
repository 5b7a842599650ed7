package dev.strangler.legacy.payments;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code shop.payments.*}.
 *
 * @param mode which {@link PaymentProcessing} runs: {@code in-process} (the only one so far)
 */
@Validated
@ConfigurationProperties("shop.payments")
public record PaymentsProperties(@DefaultValue("in-process") @NotBlank String mode) {
}
