/**
 * Change data capture with the Debezium embedded engine: one engine per table pair and side (a table captured as
 * itself, with an origin marker, or a service's outbox), each with its own replication slot, publication and offset
 * file. A batch is translated, its card numbers tokenized, published to Kafka and acknowledged by Kafka before its
 * offsets are marked processed, so a crash replays at most a batch (the appliers are idempotent). Raw change
 * events hold card numbers: they are never logged.
 */
@NullMarked
package dev.strangler.cdc.capture;

import org.jspecify.annotations.NullMarked;
