/** jOOQ access for orders: orders, order_lines, inventory, and (tangled) payments. */
@NullMarked
package dev.strangler.legacy.orders.internal;

import org.jspecify.annotations.NullMarked;
