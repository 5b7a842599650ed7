/** jOOQ access to customers, and to payments for the card on file. */
@NullMarked
package dev.strangler.legacy.customers.internal;

import org.jspecify.annotations.NullMarked;
