package dev.strangler.cdc.translate;

import org.jspecify.annotations.Nullable;

/**
 * A row of the payment service's {@code outbox} table.
 *
 * @param payload the event's JSON document, as the service wrote it
 */
public record OutboxEvent(long id, String aggregateType, String aggregateId, String eventType, String payload,
                          @Nullable String traceId) {
}
