package dev.strangler.payments.vault;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code payments.vault.*}. Both values are secrets: {@link #toString()} hides them.
 *
 * @param key           base64 of a 256-bit AES key; the lab default must never reach a {@code prod} profile
 * @param internalToken the bearer token of {@code /internal/vault/tokens} (the CDC bridge's)
 */
@Validated
@ConfigurationProperties("payments.vault")
public record VaultProperties(@NotBlank String key, @NotBlank String internalToken) {

    /** The key shipped for the lab. Public in this repository, so worthless as a secret. */
    public static final String LAB_KEY = "bGFiLW9ubHktdmF1bHQta2V5LW5vdC1hLXNlY3JldCE=";

    /** The internal token shipped for the lab. */
    public static final String LAB_INTERNAL_TOKEN = "lab-internal-token";

    public boolean usesLabDefaults() {
        return LAB_KEY.equals(key) || LAB_INTERNAL_TOKEN.equals(internalToken);
    }

    @Override
    public String toString() {
        return "VaultProperties[key=****, internalToken=****]";
    }
}
