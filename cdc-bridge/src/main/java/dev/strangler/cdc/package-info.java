/**
 * The CDC bridge: keeps the monolith's payments and the payment service's payments in sync through Kafka, both
 * ways (legacy -> new before and during the migration, new -> legacy after cutover), tokenizing card numbers at
 * capture and reconciling both databases. This package wires the features: {@code capture} (Debezium),
 * {@code translate} (pure), {@code publish} (Kafka, Avro), {@code apply} (target databases), {@code reconcile},
 * {@code status}.
 */
@NullMarked
package dev.strangler.cdc;

import org.jspecify.annotations.NullMarked;
