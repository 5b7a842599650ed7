/** SLO watch: sliding windows of the extracted side's errors and latency per route, and the automatic rollback when a threshold is breached. */
@NullMarked
package dev.strangler.proxy.slo;

import org.jspecify.annotations.NullMarked;
