/**
 * {@code Idempotency-Key} handling for every POST: the first request with a key does the work and stores its
 * answer; a retry with the same key and body gets that answer back; the same key with another body is refused.
 */
@NullMarked
package dev.strangler.payments.idempotency;

import org.jspecify.annotations.NullMarked;
