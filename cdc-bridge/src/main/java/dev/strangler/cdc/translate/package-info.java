/**
 * Pure translation between a table pair's rows and its change record, as the extraction descriptor maps them: a
 * captured row to a record (with the vault's token instead of a card number), an outbox event to a record, a record
 * to the columns the other side stores. No Kafka, no Debezium, no database: the capture and apply packages feed and consume these functions, and
 * unit tests drive them directly.
 */
@NullMarked
package dev.strangler.cdc.translate;

import org.jspecify.annotations.NullMarked;
