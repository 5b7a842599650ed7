/**
 * Payments: authorize an order's amount on a card, capture, refund; the HTTP API that takes over the monolith's
 * {@code /api/payments} routes. Holds card tokens only: a PAN passes through as the request's string on its way
 * to the vault.
 */
@NullMarked
package dev.strangler.payments.payment;

import org.jspecify.annotations.NullMarked;
