/** jOOQ access to products and inventory. */
@NullMarked
package dev.strangler.legacy.catalog.internal;

import org.jspecify.annotations.NullMarked;
