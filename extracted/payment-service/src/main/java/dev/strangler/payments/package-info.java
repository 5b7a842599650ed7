/**
 * The extracted payment service: the only part of the shop that handles cardholder data after the migration. The
 * root package holds what every feature shares: the application, problem+json errors and request correlation.
 */
@NullMarked
package dev.strangler.payments;

import org.jspecify.annotations.NullMarked;
