/** Customers: who buys. The customer view also shows the last card used, read from the payments table (a tangle). */
@NullMarked
package dev.strangler.legacy.customers;

import org.jspecify.annotations.NullMarked;
