/** The jOOQ repository of the {@code customers} table. */
@NullMarked
package dev.strangler.customers.customer.internal;

import org.jspecify.annotations.NullMarked;
