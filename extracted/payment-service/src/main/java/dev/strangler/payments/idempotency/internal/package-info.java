/** The {@code idempotency_keys} table. */
@NullMarked
package dev.strangler.payments.idempotency.internal;

import org.jspecify.annotations.NullMarked;
