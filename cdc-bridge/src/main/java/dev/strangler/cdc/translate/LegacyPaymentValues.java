package dev.strangler.cdc.translate;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the bridge writes into a row of the monolith's {@code payments} table for a payment changed in the service.
 * The card column gets a masked value (never a PAN): the monolith's reports and support screens only show the last
 * four digits anyway.
 */
public record LegacyPaymentValues(long id, long orderId, BigDecimal amount, String currency, String statusCode,
                                  BigDecimal capturedAmount, BigDecimal refundedAmount, @Nullable String pspReference,
                                  String maskedCard, Instant createdAt, Instant updatedAt) {
}
