/** The in-process payment implementation: jOOQ on the shared schema and the HTTP client of the payment gateway. */
@NullMarked
package dev.strangler.legacy.payments.internal;

import org.jspecify.annotations.NullMarked;
