/**
 * The lab's own certificate authority: TLS for Kafka, PostgreSQL and the registry in the cluster lab, generated at
 * start, never committed.
 */
@NullMarked
package dev.strangler.lab.tls;

import org.jspecify.annotations.NullMarked;
