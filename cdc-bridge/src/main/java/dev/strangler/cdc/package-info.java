/**
 * The CDC bridge: keeps each table pair of the extraction descriptors (a monolith's table and its extracted
 * service's) in sync through Kafka, both ways (legacy -> new before and during the migration, new -> legacy after
 * cutover), tokenizing card numbers at capture and reconciling both databases. No class here knows a domain: the
 * descriptors say which tables, columns and conversions. This package wires the features: {@code capture} (Debezium),
 * {@code translate} (pure), {@code publish} (Kafka, Avro), {@code apply} (target databases), {@code reconcile},
 * {@code status}.
 */
@NullMarked
package dev.strangler.cdc;

import org.jspecify.annotations.NullMarked;
