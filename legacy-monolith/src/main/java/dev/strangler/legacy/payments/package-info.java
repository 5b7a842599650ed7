/**
 * Payments: authorize an order's total with the payment gateway, capture, refund. {@link
 * dev.strangler.legacy.payments.PaymentProcessing} is the seam (branch by abstraction) the extraction swaps: today
 * its only implementation works in-process on the shared {@code payments} table, which still holds raw card numbers.
 */
@NullMarked
package dev.strangler.legacy.payments;

import org.jspecify.annotations.NullMarked;
