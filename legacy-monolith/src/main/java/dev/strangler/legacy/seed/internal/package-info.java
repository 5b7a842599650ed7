/** Generates the seed rows and writes them with multi-row inserts. */
@NullMarked
package dev.strangler.legacy.seed.internal;

import org.jspecify.annotations.NullMarked;
