/**
 * The payment gateway (PSP) client: timeouts, a Resilience4j circuit breaker, retries only where the call is
 * idempotent (our idempotency key travels to the gateway). The only code outside the vault that holds a PAN, for
 * the length of one request body.
 */
@NullMarked
package dev.strangler.payments.psp;

import org.jspecify.annotations.NullMarked;
