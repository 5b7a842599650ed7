package dev.strangler.cdc.translate;

import org.jspecify.annotations.Nullable;

/**
 * A row of an outbox table (the table a service writes its changes to, in the transaction that makes them).
 *
 * @param payload the event's JSON document, as the service wrote it
 * @param traceId the trace of the request that wrote it (32 hex digits), when it had one
 * @param spanId the span that wrote it (16 hex digits), when known: the bridge's spans become its children
 */
public record OutboxEvent(long id, String aggregateType, String aggregateId, String eventType, String payload,
                          @Nullable String traceId, @Nullable String spanId) {

    /**
     * A row as stored: the service writes its span's context as one W3C {@code traceparent} in {@code trace_id}
     * ({@code 00-<trace>-<span>-01}; a bare all-decimal span id looked like a card number to a PCI scan); rows of an
     * older service hold the trace id there and the span id in {@code span_id}.
     */
    public static OutboxEvent of(long id, String aggregateType, String aggregateId, String eventType, String payload,
            @Nullable String traceColumn, @Nullable String spanColumn) {
        if (traceColumn != null && traceColumn.length() == 55 && traceColumn.charAt(2) == '-'
                && traceColumn.charAt(35) == '-' && traceColumn.charAt(52) == '-') {
            return new OutboxEvent(id, aggregateType, aggregateId, eventType, payload, traceColumn.substring(3, 35),
                    traceColumn.substring(36, 52));
        }
        return new OutboxEvent(id, aggregateType, aggregateId, eventType, payload, traceColumn, spanColumn);
    }
}
