/**
 * Support desk tools: fix a payment's status by hand when the gateway and the shop disagree. Writes the payments
 * table directly (a tangle).
 */
@NullMarked
package dev.strangler.legacy.support;

import org.jspecify.annotations.NullMarked;
