/** The SQL of the two target databases and of the bridge's own bookkeeping tables. */
@NullMarked
package dev.strangler.cdc.apply.internal;

import org.jspecify.annotations.NullMarked;
