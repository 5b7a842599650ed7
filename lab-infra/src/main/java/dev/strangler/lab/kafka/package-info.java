/**
 * A real Kafka broker in KRaft mode (combined broker and controller, one node), in-process.
 *
 * <p>{@link dev.strangler.lab.kafka.KafkaBroker} is the same code for tests (one broker per test JVM) and for the lab
 * ({@link dev.strangler.lab.kafka.KafkaBrokerMain} runs it as its own process). It uses Kafka's internal
 * {@code KafkaRaftServer}, which is not a public API: the version is pinned in the parent POM.
 */
@NullMarked
package dev.strangler.lab.kafka;

import org.jspecify.annotations.NullMarked;
