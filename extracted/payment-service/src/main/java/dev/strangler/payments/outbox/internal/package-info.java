/** The {@code outbox} table. */
@NullMarked
package dev.strangler.payments.outbox.internal;

import org.jspecify.annotations.NullMarked;
