/** The HTTP client of the shop's order and payment lookups, and the pure choice of each customer's last card. */
@NullMarked
package dev.strangler.customers.shop.internal;

import org.jspecify.annotations.NullMarked;
