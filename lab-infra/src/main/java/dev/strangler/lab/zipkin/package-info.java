/**
 * The lab's trace backend: Zipkin server's executable jar (from Maven Central, copied once by the build into the cache
 * outside {@code target/}) run as a child JVM with in-memory storage, bound to the loopback interface.
 */
@NullMarked
package dev.strangler.lab.zipkin;

import org.jspecify.annotations.NullMarked;
