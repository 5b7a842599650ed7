/**
 * One way for every component to reach Kafka: bootstrap servers, TLS and SASL, and the replication of the topics it
 * creates, from {@code strangler.kafka.*}.
 */
@NullMarked
package dev.strangler.support.kafka;

import org.jspecify.annotations.NullMarked;
