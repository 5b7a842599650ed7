/**
 * Publishes the table pairs' change records to Kafka in the Confluent wire format (Avro, schema id from the
 * registry): an idempotent producer with {@code acks=all}, keyed by row key so that one row's changes stay in order,
 * with the correlation id and a W3C {@code traceparent} in the headers; and the dead letters, counted from their
 * topic.
 */
@NullMarked
package dev.strangler.cdc.publish;

import org.jspecify.annotations.NullMarked;
