/**
 * The transactional outbox: every payment change appends an event in the same transaction, and the CDC bridge
 * captures the {@code outbox} table. Events carry ids, amounts, statuses and last four digits: never a PAN or token.
 */
@NullMarked
package dev.strangler.payments.outbox;

import org.jspecify.annotations.NullMarked;
