/**
 * A schema registry that speaks Confluent's REST API: Apicurio Registry (from Maven Central, unpacked once by the
 * build into a cache outside {@code target/}) run as a child JVM with small-footprint flags.
 *
 * <p>The Confluent-compatible API lives at {@code /apis/ccompat/v7}; readiness at {@code /health/ready} on the
 * separate Quarkus management port. Apicurio's default compatibility is NONE, so the lab sets BACKWARD at start.
 */
@NullMarked
package dev.strangler.lab.registry;

import org.jspecify.annotations.NullMarked;
