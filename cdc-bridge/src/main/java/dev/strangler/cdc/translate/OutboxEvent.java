package dev.strangler.cdc.translate;

import org.jspecify.annotations.Nullable;

/**
 * A row of the payment service's {@code outbox} table.
 *
 * @param payload the event's JSON document, as the service wrote it
 * @param traceId the trace of the request that wrote it (32 hex digits), when it had one
 * @param spanId the span that wrote it (16 hex digits), when known: the bridge's spans become its children
 */
public record OutboxEvent(long id, String aggregateType, String aggregateId, String eventType, String payload,
                          @Nullable String traceId, @Nullable String spanId) {
}
