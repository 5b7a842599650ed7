/**
 * The spans of a change's way through the bridge, made with the application's {@code brave.Tracing} (Micrometer
 * Tracing's Brave bridge, exported to Zipkin when configured): {@code capture <table>} (a child of the span that
 * wrote an outbox row, or a new trace for a monolith row), {@code publish <topic>} (producer, its context in the
 * record's {@code traceparent}), {@code consume <topic>} (consumer, parent from that header) and {@code apply
 * <table>} around the database write. Span names and tags hold identifiers only, never a row's values: a monolith
 * row holds a card number until the capture tokenizes it.
 */
@NullMarked
package dev.strangler.cdc.tracing;

import org.jspecify.annotations.NullMarked;
