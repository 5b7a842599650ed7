/**
 * How the proxy's spans leave the process when export to Zipkin is on: in bursts from the data plane's event loops
 * ({@code forward.EventLoopSpanBatching}) and, to a collector on the same machine, without compression. The spans
 * themselves are made in {@code forward.internal.EdgeTracing}.
 */
@NullMarked
package dev.strangler.proxy.tracing;

import org.jspecify.annotations.NullMarked;
