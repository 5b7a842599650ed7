/**
 * Pure translation between the two databases' payment rows and the {@code PaymentChange} event: legacy row to
 * event (with the vault's token instead of the card number), outbox event to event, event to the rows each side
 * stores. No Kafka, no Debezium, no database: the capture and apply packages feed and consume these functions, and
 * unit tests drive them directly.
 */
@NullMarked
package dev.strangler.cdc.translate;

import org.jspecify.annotations.NullMarked;
