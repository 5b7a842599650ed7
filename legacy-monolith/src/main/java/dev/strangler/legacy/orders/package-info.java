/**
 * Orders: checkout (order, lines, stock and, given a card, the payment in one transaction), order lookup and
 * cancellation. Several of the shop's tangles with payments live here; each is labelled {@code TANGLE(step-N)}.
 */
@NullMarked
package dev.strangler.legacy.orders;

import org.jspecify.annotations.NullMarked;
