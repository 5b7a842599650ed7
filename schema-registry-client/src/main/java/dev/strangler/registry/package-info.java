/**
 * A small client for the Confluent schema registry REST API and Kafka serializers that write Avro in the Confluent
 * wire format (magic byte 0, a 4-byte big-endian schema id, the Avro binary body).
 *
 * <p>Confluent's own client jars are not on Maven Central; this package covers what the toolkit needs and keeps the
 * same configuration keys ({@code schema.registry.url}, {@code auto.register.schemas}, subjects named after the
 * topic), so that it can be swapped for Confluent's client without touching the topics. It talks to any registry
 * that speaks the API: Confluent's, or Apicurio's {@code /apis/ccompat/v7}, also behind TLS and basic auth
 * ({@link dev.strangler.registry.RegistryConnection}, read from Confluent's keys by {@link
 * dev.strangler.registry.SerdeConfig#connection}).
 */
@NullMarked
package dev.strangler.registry;

import org.jspecify.annotations.NullMarked;
