/** Data-plane internals: edge headers, stage decisions, upstream choice with timeouts and safe fallback, metrics and access log. */
@NullMarked
package dev.strangler.proxy.forward.internal;

import org.jspecify.annotations.NullMarked;
