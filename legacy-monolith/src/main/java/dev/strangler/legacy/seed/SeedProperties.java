package dev.strangler.legacy.seed;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code shop.seed.*}.
 *
 * @param ordersOnEmpty seed this many orders at start-up when the shop has no orders yet; 0 seeds nothing
 */
@Validated
@ConfigurationProperties("shop.seed")
public record SeedProperties(@DefaultValue("0") @Min(0) @Max(1_000_000) int ordersOnEmpty) {
}
