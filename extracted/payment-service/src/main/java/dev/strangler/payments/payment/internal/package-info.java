/** The jOOQ repository, the monolith's order lookup and the reconciler of pending authorizations. */
@NullMarked
package dev.strangler.payments.payment.internal;

import org.jspecify.annotations.NullMarked;
