package dev.strangler.cdc.translate;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A row of the monolith's {@code payments} table as the capture read it. Holds the raw card column, so
 * {@link #toString()} never prints it.
 *
 * @param card the card column: a {@link CardNumber} when it holds a PAN, null when it holds a masked value written
 *             back by the bridge
 * @param cardColumnLast4 the last four characters of the card column, whatever it holds
 * @param cdcOrigin the transaction's origin marker ({@code cdc-bridge} for the bridge's own writes)
 */
public record LegacyPaymentRow(long id, long orderId, BigDecimal amount, String currency, String status,
                               BigDecimal capturedAmount, BigDecimal refundedAmount, @Nullable String pspReference,
                               @Nullable CardNumber card, String cardColumnLast4, Instant createdAt,
                               Instant updatedAt, @Nullable String cdcOrigin) {

    @Override
    public String toString() {
        return "LegacyPaymentRow[id=" + id + ", status=" + status + "]";
    }
}
