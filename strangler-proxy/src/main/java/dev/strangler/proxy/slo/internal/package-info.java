/** The lock-free sliding window and latency histogram behind the SLO watch. */
@NullMarked
package dev.strangler.proxy.slo.internal;

import org.jspecify.annotations.NullMarked;
