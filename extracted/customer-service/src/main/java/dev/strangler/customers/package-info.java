/**
 * The extracted customer service: the monolith's {@code /api/customers} routes on a database of its own. The root
 * package holds what every feature shares: the application, problem+json errors, request correlation and the page
 * shape of list endpoints.
 */
@NullMarked
package dev.strangler.customers;

import org.jspecify.annotations.NullMarked;
