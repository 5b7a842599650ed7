/**
 * Customers: register one, read one, list them page by page; the HTTP API that takes over the monolith's
 * {@code /api/customers} routes, answer for answer. A customer's last card comes from the shop ({@code shop}), never
 * from a table of this service: the service holds no payment data.
 */
@NullMarked
package dev.strangler.customers.customer;

import org.jspecify.annotations.NullMarked;
