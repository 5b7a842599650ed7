/**
 * Real infrastructure for the lab and for tests, started from Maven artifacts alone: PostgreSQL
 * ({@link dev.strangler.lab.postgres}), Kafka in KRaft mode ({@link dev.strangler.lab.kafka}), a Confluent-compatible
 * schema registry ({@link dev.strangler.lab.registry}) and a fake payment gateway ({@link dev.strangler.lab.psp}),
 * plus process supervision ({@link dev.strangler.lab.process}) and test support ({@link dev.strangler.lab.junit}).
 */
@NullMarked
package dev.strangler.lab;

import org.jspecify.annotations.NullMarked;
