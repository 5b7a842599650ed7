/** The circuit breaker's wiring and its health indicator. */
@NullMarked
package dev.strangler.payments.psp.internal;

import org.jspecify.annotations.NullMarked;
