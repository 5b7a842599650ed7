/** Canary split: a pure, sticky and monotone function from a caller key and a percentage to a side, identical on every replica. */
@NullMarked
package dev.strangler.proxy.canary;

import org.jspecify.annotations.NullMarked;
