/** The catalog: products with their price and current stock (the {@code inventory} table). */
@NullMarked
package dev.strangler.legacy.catalog;

import org.jspecify.annotations.NullMarked;
